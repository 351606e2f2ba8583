#!/usr/bin/env node
// @ts-check
// Draws the Marketplace icon (media/icon.png, 128×128): a speech bubble with three team members, written
// as a PNG with Node's zlib only. Run `node scripts/make-icon.mjs` after changing the drawing.
import fs from 'node:fs';
import zlib from 'node:zlib';

/** @typedef {(x: number, y: number) => boolean} Shape */
/** @typedef {[number, number, number]} Rgb */

const size = 128;
const pixels = Buffer.alloc(size * size * 4);

/**
 * Coverage of a pixel by a shape given as an inside(x, y) test, from 4×4 samples (smooth edges).
 * @param {Shape} inside @param {number} px @param {number} py
 */
function cover(inside, px, py) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(px + (i + 0.5) / 4, py + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

/** @param {Shape} inside @param {Rgb} color */
function paint(inside, [r, g, b]) {
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = cover(inside, x, y);
      if (a === 0) continue;
      const o = (y * size + x) * 4;
      const keep = 1 - a;
      const blend = (/** @type {number} */ i, /** @type {number} */ c) => (pixels[o + i] = Math.round(pixels.readUInt8(o + i) * keep + c * a));
      blend(0, r);
      blend(1, g);
      blend(2, b);
      pixels[o + 3] = Math.round(Math.min(255, pixels.readUInt8(o + 3) + 255 * a));
    }
  }
}

/** @type {(x0: number, y0: number, x1: number, y1: number, r: number) => Shape} */
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** @type {(cx: number, cy: number, r: number) => Shape} */
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** @type {(ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Shape} */
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  /** @type {(px: number, py: number, qx: number, qy: number) => number} */
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

paint(roundedRect(0, 0, 128, 128, 24), [30, 30, 46]);
paint(roundedRect(16, 22, 112, 86, 18), [122, 162, 247]);
paint(triangle(34, 80, 58, 84, 30, 106), [122, 162, 247]);
/** @type {[number, Rgb][]} */
const member = [[44, [247, 118, 142]], [64, [158, 206, 106]], [84, [224, 175, 104]]];
for (const [cx, color] of member) {
  paint(circle(cx, 46, 7), color);
  paint((x, y) => y >= 56 && y <= 70 && circle(cx, 70, 12)(x, y), color);
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter choice, no interlace
const rows = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('../media/icon.png', import.meta.url), png);
process.stdout.write(`media/icon.png: ${png.length} bytes\n`);
