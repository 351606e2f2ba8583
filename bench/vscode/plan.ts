// How much each phase of the real-VS-Code bench measures (a full run and BENCH_QUICK), and the answers it streams.

export interface Counts {
  /** Warm-up answers before the first-token series. */
  warm: number;
  /** First-token samples per conversation kind (empty, 2,000 earlier messages). */
  firstToken: number;
  /** First-token samples when the server waits 300 ms before answering (as real models do). */
  thinkingFirstToken: number;
  /** Streams at ~200 tokens/s per conversation kind (three for the long conversation's ratio and its spread), and their length. */
  pacedRuns: number;
  pacedTokens: number;
  /** Streams as fast as the socket allows per conversation kind, and their length. */
  fastRuns: number;
  fastTokens: number;
  stop: number;
  heapAnswers: number;
  openShow: number;
  openReload: number;
  /** How long the long-session phase may scroll back through 10,000 messages. */
  scrollBackSeconds: number;
  /** How long the idle extension host's CPU is sampled (subtracted from the streams' CPU). */
  idleSeconds: number;
  /** Whether the host CPU profile (a diagnostic, no figure) runs without being named in BENCH_PHASES. */
  profile: boolean;
}

export const full: Counts = { warm: 3, firstToken: 50, thinkingFirstToken: 30, pacedRuns: 3, pacedTokens: 1_500, fastRuns: 3, fastTokens: 20_000, stop: 20, heapAnswers: 60, openShow: 8, openReload: 2, scrollBackSeconds: 120, idleSeconds: 10, profile: true };
/** A smoke run of every phase in under three minutes (README's Performance says where its time goes). */
export const quick: Counts = { warm: 2, firstToken: 10, thinkingFirstToken: 6, pacedRuns: 1, pacedTokens: 600, fastRuns: 1, fastTokens: 20_000, stop: 5, heapAnswers: 15, openShow: 2, openReload: 1, scrollBackSeconds: 8, idleSeconds: 2, profile: false };

/** Plain words, a paragraph every 50, so Markdown shows exactly these words. */
export function words(count: number, prefix = 'w'): string[] {
  return Array.from({ length: count }, (_, i) => (i % 50 === 49 && i < count - 1 ? `${prefix}${i}\n\n` : `${prefix}${i} `));
}
