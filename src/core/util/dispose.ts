// One way to own listeners and other resources: register them with their owner, and the owner's
// dispose() releases them all, once, newest first. Shaped like vscode.Disposable so both mix freely.

export interface IDisposable {
  dispose(): unknown;
}

/** Wraps a clean-up function as a disposable. */
export function toDisposable(dispose: () => void): IDisposable {
  return { dispose };
}

/** A collection of disposables released together; adding to a released store releases the newcomer at once. */
export class DisposableStore implements IDisposable {
  private readonly items: IDisposable[] = [];
  private released = false;

  add<T extends IDisposable>(item: T): T {
    if (this.released) item.dispose();
    else this.items.push(item);
    return item;
  }

  get isDisposed(): boolean {
    return this.released;
  }

  /** Releases everything, even when one throws (the first error is rethrown afterwards). */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    let failure: { error: unknown } | undefined;
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/** Base class for everything that owns listeners: `this._register(...)` ties them to its own lifetime. */
export abstract class Disposable implements IDisposable {
  private readonly _store = new DisposableStore();

  protected _register<T extends IDisposable>(item: T): T {
    return this._store.add(item);
  }

  protected get isDisposed(): boolean {
    return this._store.isDisposed;
  }

  dispose(): void {
    this._store.dispose();
  }
}
