/** What `h` takes as properties: `text` (textContent), `className`, `on*` listeners, else attributes. */
export type Props = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** A child of `h`: a node, a text (a text node, never HTML), or nothing. */
export type Child = Node | string | null | undefined | false;

/** The element with `id`, checked to be of `type` (an `HTMLElement` by default). */
export function byId(id: string): HTMLElement;
export function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T;
export function byId(id: string, type: abstract new () => HTMLElement = HTMLElement): HTMLElement {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} is missing from the page or not a ${type.name}`);
  return node;
}

/**
 * Builds an element. Text only ever goes through `textContent` and attributes through `setAttribute`, never
 * `innerHTML`, so nothing a message carries is parsed as HTML by this page.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = String(value);
    else if (typeof value === 'function') {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}
