import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INBOX_FONT } from './font-asset.js';
import { MESSAGE_HTML_FONT_STYLE, withInboxFont } from './message-html-font.js';

describe('withInboxFont', () => {
  it('puts the stylesheet first when the HTML has no doctype', () => {
    expect(withInboxFont('<p>你好</p>')).toBe(`${MESSAGE_HTML_FONT_STYLE}\n<p>你好</p>`);
  });

  it('keeps a leading doctype first, whatever its case and the space or BOM before it, so no quirks mode', () => {
    expect(withInboxFont('<!DOCTYPE html><html><p>x</p></html>')).toBe(
      `<!DOCTYPE html>\n${MESSAGE_HTML_FONT_STYLE}<html><p>x</p></html>`,
    );
    expect(withInboxFont('\ufeff \n<!doctype html>\n<p>x</p>')).toBe(
      `\ufeff \n<!doctype html>\n${MESSAGE_HTML_FONT_STYLE}\n<p>x</p>`,
    );
    // An unterminated doctype is not a doctype to keep in front of.
    expect(withInboxFont('<!doctype html')).toBe(`${MESSAGE_HTML_FONT_STYLE}\n<!doctype html`);
  });

  it('claims only CJK code points, for its own family and for the common Chinese font names, local ones first', () => {
    expect(MESSAGE_HTML_FONT_STYLE).toContain(`font-family: "${INBOX_FONT.family}"; src: url("${INBOX_FONT.path}")`);
    expect(MESSAGE_HTML_FONT_STYLE).toContain(
      `font-family: "Microsoft YaHei"; src: local("Microsoft YaHei"), url("${INBOX_FONT.path}") format("woff2")`,
    );
    const faces = MESSAGE_HTML_FONT_STYLE.split('@font-face').length - 1;
    expect(MESSAGE_HTML_FONT_STYLE.split(`unicode-range: ${INBOX_FONT.unicodeRange};`).length - 1).toBe(faces);
    expect(MESSAGE_HTML_FONT_STYLE).toContain(`html { font-family: "${INBOX_FONT.family}", serif; }`);
  });

  it('adds the stylesheet and changes nothing else, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((tail) => `<!DOCTYPE html>${tail}`),
        ),
        (html) => {
          const out = withInboxFont(html);
          const at = out.indexOf(MESSAGE_HTML_FONT_STYLE);
          expect(at).toBeGreaterThanOrEqual(0);
          // The stylesheet and one line break around it: the rest is the input, byte for byte.
          const rest =
            at === 0
              ? out.slice(MESSAGE_HTML_FONT_STYLE.length + 1)
              : out.slice(0, at - 1) + out.slice(at + MESSAGE_HTML_FONT_STYLE.length);
          expect(rest).toBe(html);
          expect(out.length).toBe(html.length + MESSAGE_HTML_FONT_STYLE.length + 1);
        },
      ),
    );
  });
});
