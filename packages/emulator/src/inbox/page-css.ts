import { INBOX_FONT, inboxFontFace } from './font-asset.js';

/**
 * The inbox's stylesheet: a two-pane layout, status badges, monospace for sources. Latin text uses the system's
 * fonts; Chinese uses the package's font first (served by the emulator, fetched only when the page shows a
 * character in its range), so the page reads on a machine that has no CJK font.
 */
export const INBOX_CSS = `
${inboxFontFace(INBOX_FONT.family)}
:root {
  --bg: #f6f7f9; --panel: #fff; --line: #dde1e6; --text: #1d2330; --muted: #667085;
  --ok: #117a3d; --ok-bg: #e3f6ea; --bad: #b42318; --bad-bg: #fde8e6; --warn: #915b00; --warn-bg: #fff4d6;
  --accent: #1f5fbf; --select: #e8f0fc;
  --sans: "${INBOX_FONT.family}", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  --mono: "${INBOX_FONT.family}", ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC",
    "WenQuanYi Micro Hei Mono", monospace;
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; font: 14px/1.45 var(--sans); color: var(--text); background: var(--bg);
  display: flex; flex-direction: column; }
h1 { font-size: 16px; margin: 0; }
h2 { font-size: 13px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .04em; }
h2 .muted { text-transform: none; letter-spacing: 0; font-weight: normal; margin-left: 6px; }
h3 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
button, select, input { font: inherit; }
button { border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 6px;
  padding: 4px 12px; cursor: pointer; }
button.quiet { background: var(--panel); color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
select { border: 1px solid var(--line); border-radius: 6px; padding: 3px 6px; background: var(--panel); max-width: 28em; }
.muted { color: var(--muted); }
.error { color: var(--bad); }
.empty { color: var(--muted); padding: 24px; text-align: center; }
.topbar { display: flex; align-items: center; gap: 16px; padding: 10px 16px; background: #18202e; color: #fff; }
.topbar .muted { color: #aab4c3; }
.topbar button.quiet { margin-left: auto; background: transparent; color: #fff; border-color: #56647a; }
.live { font-size: 12px; border-radius: 10px; padding: 1px 8px; background: #3a4558; }
.live[data-state="live"] { background: #1d6b3a; }
.live[data-state="polling"] { background: #7a5a00; }
.faults { padding: 10px 16px; background: var(--panel); border-bottom: 1px solid var(--line); }
.fault-form { display: flex; flex-wrap: wrap; align-items: end; gap: 10px; }
.fault-form label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.fault-form label[hidden] { display: none; }
.active-faults { display: flex; align-items: center; gap: 10px; margin-top: 8px; min-height: 26px; }
.fault-list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.fault-list li { background: var(--warn-bg); color: var(--warn); border-radius: 12px; padding: 2px 4px 2px 10px;
  font-size: 12px; display: flex; align-items: center; gap: 6px; }
.fault-list li button { padding: 0 6px; font-size: 11px; background: transparent; color: var(--warn); border-color: var(--warn); }
.fault-list .none { background: none; color: var(--muted); padding-left: 0; }
.panes { flex: 1; display: grid; grid-template-columns: minmax(320px, 38%) 1fr; min-height: 0; }
.list-pane { overflow: auto; border-right: 1px solid var(--line); background: var(--panel); }
.message-list { list-style: none; margin: 0; padding: 0; }
.message-list li { border-bottom: 1px solid var(--line); }
.message-list a { display: grid; grid-template-columns: 1fr auto; gap: 2px 10px; padding: 9px 14px;
  color: inherit; text-decoration: none; }
.message-list a:hover { background: #f2f5f9; }
.message-list li.selected a { background: var(--select); box-shadow: inset 3px 0 var(--accent); }
.row-subject { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.row-meta { grid-column: 1 / -1; font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600;
  vertical-align: middle; overflow-wrap: anywhere; }
.message-list .badge { justify-self: end; align-self: start; max-width: 24em; text-align: right; }
.badge.accepted { background: var(--ok-bg); color: var(--ok); }
.badge.refused { background: var(--bad-bg); color: var(--bad); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.detail-pane { overflow: auto; padding: 16px 22px 40px; min-width: 0; }
.detail-pane h2.subject { font-size: 19px; text-transform: none; letter-spacing: 0; margin: 0 0 8px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; font-size: 13px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.verdict { border: 1px solid var(--line); border-left: 4px solid var(--ok); border-radius: 6px; padding: 10px 14px;
  background: var(--panel); margin-bottom: 14px; }
.verdict.refused { border-left-color: var(--bad); }
.verdict .reply { font-family: var(--mono); font-size: 12px; background: #f3f4f6; padding: 6px 8px;
  border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0; }
.verdict-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px; }
.rule-ref { text-decoration: underline dotted; cursor: help; }
a.rule-ref { color: var(--accent); cursor: pointer; }
.meaning { margin: 4px 0; display: grid; grid-template-columns: 7.5em 1fr; gap: 10px; }
.meaning .label { color: var(--muted); font-size: 12px; padding-top: 2px; }
.issues { width: 100%; border-collapse: collapse; font-size: 12px; margin-top: 6px; }
.issues th, .issues td { text-align: left; border-top: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
.issues td.rule { font-weight: 600; white-space: nowrap; }
.issues td code { font-family: var(--mono); }
.tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--line); margin-top: 8px; }
.tabs button { background: none; color: var(--muted); border: none; border-bottom: 2px solid transparent;
  border-radius: 0; padding: 6px 12px; }
.tabs button[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
.tab-panel { padding-top: 10px; }
.tab-panel[hidden] { display: none; }
.html-frame { width: 100%; height: 420px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.frame-bar { display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--muted); margin-bottom: 6px; }
pre.source { font-family: var(--mono); font-size: 12px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 6px; padding: 10px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; max-height: 70vh; overflow: auto; }
.headers { font-family: var(--mono); font-size: 12px; }
.attachments { list-style: none; padding: 0; margin: 0; }
.attachments li { padding: 6px 0; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: baseline; }
.attachments a { color: var(--accent); font-weight: 600; }
.timeline { border: 1px solid var(--line); border-radius: 6px; padding: 2px 14px 10px; background: var(--panel);
  margin-bottom: 14px; }
.timeline.none { border: none; background: none; padding: 0; margin: -6px 0 8px; font-size: 12px; }
.timeline .badge.warn { margin-left: 8px; }
.events { width: 100%; border-collapse: collapse; font-size: 12px; margin-top: 6px; }
.events th, .events td { text-align: left; border-top: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
.events td.recipient { overflow-wrap: anywhere; }
.events .event-status.failed { color: var(--bad); }
.events .event-status.posted { color: var(--ok); }
.events details pre { max-height: 16em; margin-top: 4px; }
.badge.event-ok { background: var(--ok-bg); color: var(--ok); }
.badge.event-bad { background: var(--bad-bg); color: var(--bad); }
.event-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 10px; font-size: 12px; }
.event-actions button { padding: 2px 10px; }
@media (max-width: 800px) { .panes { grid-template-columns: 1fr; } .list-pane { max-height: 40vh; } }
`;
