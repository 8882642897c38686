/**
 * A bounded cache of row pages (least recently used goes first), so the page holds at most
 * `maxPages` windows of the trace however far the user scrolls.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, T>();

  constructor(readonly maxPages: number) {
    if (!(maxPages >= 1)) throw new RangeError('maxPages must be at least 1');
  }

  get size(): number {
    return this.pages.size;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** The page, now the most recently used; undefined when absent. */
  get(page: number): T | undefined {
    const v = this.pages.get(page);
    if (v === undefined) return undefined;
    this.pages.delete(page);
    this.pages.set(page, v);
    return v;
  }

  /** Stores a page, dropping the least recently used ones beyond maxPages. */
  set(page: number, value: T): void {
    this.pages.delete(page);
    this.pages.set(page, value);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  clear(): void {
    this.pages.clear();
  }
}
