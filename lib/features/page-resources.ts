/**
 * Something the page holds once for every apply that uses it: a stylesheet, a run that
 * outlives the dialog it was started from, a cache of extension storage. The runner
 * re-applies a feature on every re-render of its anchor, so rebuilding such things per
 * apply would restyle the page, lose a run or re-read storage each time.
 */
export interface PageResource<T> {
  /** Makes the page's one instance, for the first apply that asks for it. */
  create(document: Document): T;
  /** Undoes `create` once no apply holds the instance any more. */
  release(value: T, document: Document): void;
}

export function definePageResource<T>(resource: PageResource<T>): PageResource<T> {
  return resource;
}

interface Held {
  value: unknown;
  holders: number;
  /** The feature whose apply created it: a failed release is reported under its name. */
  owner: string;
}

/**
 * The page's instances, counted by holder. An apply holds a resource from `use` until its
 * signal aborts; the instance is released when the last holder has let go and no apply
 * took it up again in the same task (a re-render aborts the old apply and runs the new
 * one before any microtask), so re-renders keep it and a lasting absence releases it.
 */
export class PageResources {
  private readonly held = new Map<PageResource<unknown>, Held>();

  constructor(
    private readonly document: Document,
    private readonly onReleaseError: (owner: string, error: unknown) => void,
  ) {}

  use<T>(resource: PageResource<T>, signal: AbortSignal, owner: string): T {
    let entry = this.held.get(resource as PageResource<unknown>);
    if (!entry) {
      entry = { value: resource.create(this.document), holders: 0, owner };
      this.held.set(resource as PageResource<unknown>, entry);
    }
    const current = entry;
    current.holders += 1;
    const letGo = () => {
      current.holders -= 1;
      queueMicrotask(() => this.releaseIfUnheld(resource, current));
    };
    if (signal.aborted) letGo();
    else signal.addEventListener('abort', letGo, { once: true });
    return current.value as T;
  }

  private releaseIfUnheld<T>(resource: PageResource<T>, entry: Held): void {
    // Taken up again, or already released and made anew: not this entry's turn.
    if (entry.holders > 0 || this.held.get(resource as PageResource<unknown>) !== entry) return;
    this.held.delete(resource as PageResource<unknown>);
    try {
      resource.release(entry.value as T, this.document);
    } catch (error) {
      this.onReleaseError(entry.owner, error);
    }
  }
}
