import { Component } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/**
 * One polite live region for the whole app. Screen readers (NVDA, JAWS) often stay silent
 * about a live region that is inserted already holding its text, which is how a success box
 * appears; a region that is present from the first paint and whose text changes is read.
 */
const REGION_ID = 'announcer';

/** What the region says now (or will say on the next frame). */
let said: string[] = [];
let frame: number | null = null;

const region = () => document.getElementById(REGION_ID);
const spoken = (message: string) => message.replace(/\s+/g, ' ').trim();

/**
 * Says `message` through the app's live region. The region is emptied now and filled on the
 * next frame, so the same words said twice in a row ("Đã lưu" after another save) are read
 * again; messages given in the same frame are read together, each once.
 */
export function announce(message: string): void {
  const text = spoken(message);
  if (!text) return;
  if (frame === null) {
    said = [];
    const el = region();
    if (el) el.textContent = '';
    frame = requestAnimationFrame(() => {
      frame = null;
      const el = region();
      if (el) el.textContent = said.join(' ');
    });
  }
  if (!said.includes(text)) said.push(text);
}

/**
 * The message's box has gone (closed, replaced, another page): once no shown box's words are
 * left, the region is emptied, so it never keeps words that are off the screen. Emptying is
 * not read aloud; words still shown are not rewritten (that would read them again).
 */
function withdraw(message: string): void {
  const at = said.indexOf(spoken(message));
  if (at < 0) return;
  said.splice(at, 1);
  if (said.length > 0) return;
  if (frame !== null) {
    cancelAnimationFrame(frame);
    frame = null;
  }
  const el = region();
  if (el) el.textContent = '';
}

/**
 * Announces `text()` when `key` appears or changes (a new message, a new preview object), and
 * withdraws it when the caller unmounts or the key goes; another render under the same key
 * says nothing. `text` is read after rendering, so it may read the box's own text.
 */
export function useAnnounce(key: unknown, text: () => string | null | undefined): void {
  // a layout effect: the words come and go with the box in the same task, never after it
  useLayoutEffect(() => {
    if (key === null || key === undefined || key === false || key === '') return;
    const message = text();
    if (!message) return;
    announce(message);
    return () => withdraw(message);
  }, [key]);
}

/**
 * The region itself, mounted once in the app shell. Its text is written by `announce`, never
 * by rendering, so re-rendering the shell neither clears nor repeats it.
 */
export class LiveAnnouncer extends Component {
  shouldComponentUpdate() {
    return false;
  }
  render() {
    return (
      <div
        id={REGION_ID}
        class="sr-only"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      />
    );
  }
}
