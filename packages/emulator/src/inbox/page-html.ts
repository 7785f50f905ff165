/**
 * The inbox's HTML shell: static markup only. Everything about messages is filled in by the script with
 * `textContent`, so no message data ever passes through an HTML parser of this page.
 */
export const INBOX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>qcloudmail emulator · inbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/inbox/app.css">
<script src="/inbox/app.js" defer></script>
</head>
<body>
<header class="topbar">
  <h1>qcloudmail emulator <span class="muted">inbox</span></h1>
  <span id="counts" class="muted"></span>
  <span id="live" class="live" data-state="connecting">connecting…</span>
  <button type="button" id="clear-messages" class="quiet">Clear messages</button>
</header>
<section class="faults" aria-labelledby="faults-title">
  <h2 id="faults-title">Faults <span class="muted">rehearse failures: the next sessions fail as chosen</span></h2>
  <form id="fault-form" class="fault-form">
    <label>Fault
      <select id="fault-type" name="type">
        <option value="provider-error">Provider error (554 with a code)</option>
        <option value="reply-421">421 Too busy</option>
        <option value="drop-before-data">Drop the connection (after RCPT TO)</option>
        <option value="drop-after-data">Drop after the final dot (stored as accepted)</option>
        <option value="reject-connection">Refuse the connection (421 greeting)</option>
        <option value="close-during-auth">Close the connection during AUTH</option>
      </select>
    </label>
    <label id="fault-code-label">Provider code
      <select id="fault-code" name="code"></select>
    </label>
    <label id="fault-stage-label" hidden>At
      <select id="fault-stage" name="stage">
        <option value="data">DATA</option>
        <option value="rcpt">RCPT TO</option>
        <option value="mail">MAIL FROM</option>
        <option value="auth">AUTH</option>
      </select>
    </label>
    <label>Times
      <select id="fault-count" name="count">
        <option value="1">once</option>
        <option value="2">twice</option>
        <option value="5">5 times</option>
        <option value="always">until cleared</option>
      </select>
    </label>
    <button type="submit" id="add-fault">Add fault</button>
    <span id="fault-error" class="error" role="alert"></span>
  </form>
  <div class="active-faults">
    <ul id="fault-list" class="fault-list"></ul>
    <button type="button" id="clear-faults" class="quiet" disabled>Clear faults</button>
  </div>
</section>
<main class="panes">
  <nav class="list-pane" aria-label="Messages">
    <ol id="message-list" class="message-list"></ol>
    <p id="empty-list" class="empty">No messages yet. Send one to the emulator's SMTP port.</p>
  </nav>
  <article id="detail" class="detail-pane" aria-live="polite">
    <p class="empty">Select a message to see its verdict, body, headers, attachments and source.</p>
  </article>
</main>
</body>
</html>
`;
