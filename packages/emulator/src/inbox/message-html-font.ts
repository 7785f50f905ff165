import { INBOX_FONT, INBOX_FONT_SRC, inboxFontFace } from './font-asset.js';

// The Chinese font names that mail most often asks for. Each becomes a face that prefers the machine's own font of
// that name and falls back to the package's subset, so a message whose stylesheet names one of them reads on a
// bare machine too. Only CJK code points are claimed (unicode-range), so Latin text keeps the message's fonts.
const CJK_FAMILY_NAMES = [
  'Microsoft YaHei',
  '微软雅黑',
  'PingFang SC',
  'Hiragino Sans GB',
  'SimSun',
  '宋体',
  'SimHei',
  '黑体',
  'Noto Sans SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
] as const;

/**
 * The stylesheet put in front of a message's HTML in the inbox's HTML view: the package's CJK font under its own
 * name (the document's default family, ahead of `serif`, the browser's default) and under the common Chinese
 * font names. A message that names only Latin families (`Arial, sans-serif`) still falls back to the system's
 * fonts for Chinese: CSS cannot add a fallback to an author's font list.
 */
export const MESSAGE_HTML_FONT_STYLE = [
  '<style data-qcloudmail-inbox-font>',
  inboxFontFace(INBOX_FONT.family),
  ...CJK_FAMILY_NAMES.map((name) => inboxFontFace(name, `local("${name}"), ${INBOX_FONT_SRC}`)),
  `html { font-family: "${INBOX_FONT.family}", serif; }`,
  '</style>',
].join('\n');

/** A doctype's opening in lower case: matched by hand below, since no regex runs on mail content. */
const DOCTYPE = '<!doctype';

/**
 * Returns the message's HTML with the inbox's font stylesheet inserted after a leading doctype (before it, the
 * document would switch to quirks mode) or at the start. The message's own markup is not otherwise touched; the
 * raw view still shows the bytes as received. Linear in the input: one bounded scan for the doctype's end.
 */
export function withInboxFont(html: string): string {
  let start = 0;
  while (start < html.length && isSpaceOrBom(html.charCodeAt(start))) start += 1;
  if (html.slice(start, start + DOCTYPE.length).toLowerCase() === DOCTYPE) {
    const end = html.indexOf('>', start);
    if (end !== -1) return `${html.slice(0, end + 1)}\n${MESSAGE_HTML_FONT_STYLE}${html.slice(end + 1)}`;
  }
  return `${MESSAGE_HTML_FONT_STYLE}\n${html}`;
}

function isSpaceOrBom(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0xfeff;
}
