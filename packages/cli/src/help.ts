/** The commands of `qcloudmail`, in the order the top-level help lists them. */
export const COMMANDS = ['lint', 'explain', 'send', 'emulator'] as const;

/** One of the commands of `qcloudmail`. */
export type CliCommand = (typeof COMMANDS)[number];

const TOP = `Usage: qcloudmail <command> [options]

Tools for sending mail through Tencent Cloud SES over SMTP.

Commands:
  lint <file.eml ...>     check messages against the service's rules (R1-R25)
  explain [reply]         explain a reply or log line of the service
  send --to ADDR ...      validate and send a message (or --dry-run)
  emulator [options]      start a local SMTP server that behaves like the service

Options:
  -h, --help              show help (also: qcloudmail <command> --help)
  -v, --version           show the version

Exit status: 0 done, 1 issues found or send refused, 2 wrong usage or unreadable
input, 75 temporary failure (send again later).`;

const LINT = `Usage: qcloudmail lint [--json] <file.eml ...>

Checks each message (raw MIME, as an .eml file) against the service's rules and
prints every issue with its rule id, where it is (header, part, line) and what
to do about it, then any note (a reading by default, such as a part Content-Type
that is not type/subtype, read as text/plain); notes refuse nothing. "-" reads a
message from standard input.

Options:
  --json        print one JSON object: { ok, files: [{ file, ok, issues, notes, summary }] }
  -h, --help    show this help

Exit status: 0 every message is clean, 1 issues found, 2 a file could not be read.

Examples:
  qcloudmail lint welcome.eml receipts/*.eml
  my-builder | qcloudmail lint -`;

const EXPLAIN = `Usage: qcloudmail explain [--json] ['<reply or log line>' | -]

Explains a reply of the service as it was pasted: an SMTP reply, a whole log line
with a timestamp in front, or a JSON log record. Prints the code, the category,
whether and when to retry, the meaning in English and Chinese, and what to do.
Without an argument (or with "-") the reply is read from standard input.

Options:
  --json        print the parsed reply as JSON
  -h, --help    show this help

Exit status: 0 explained, 2 no reply given.

Examples:
  qcloudmail explain '535 5.7.8 Authentication failed'
  qcloudmail explain '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: {...}'
  grep SES-response-json app.log | tail -1 | qcloudmail explain`;

const SEND = `Usage: qcloudmail send --to ADDR --subject TEXT (--text TEXT | --text-file FILE | --html FILE) [options]

Validates a message against the service's rules, builds SES-safe MIME and sends it.
Credentials come from the environment only, never from flags, so that they stay
out of shell history: QCLOUDMAIL_USER (the sender address set up in the console)
and QCLOUDMAIL_PASS (its SMTP password).

Message:
  --from ADDR          the sender (default: QCLOUDMAIL_USER)
  --to ADDR            a recipient; repeat or separate with commas (at most 50, R8)
  --subject TEXT       the subject (R23)
  --text TEXT          the plain-text body, given directly
  --text-file FILE     the plain-text body, read from FILE ("-": standard input)
  --html FILE          the HTML body, read from FILE ("-": standard input)
  --attach FILE        attach a file; repeat for more (at most 10, R12, R22)
  --reply-to ADDR      the Reply-To address

Where to:
  --region NAME        hongkong, guangzhou or singapore (default: QCLOUDMAIL_REGION, else hongkong)
  --emulator           send to the local emulator at QCLOUDMAIL_EMULATOR_URL
                       (default smtps://127.0.0.1:2465, where "qcloudmail emulator" listens)
  --emulator-url URL   send to the emulator at URL, such as smtps://127.0.0.1:2465
  --ca FILE            the emulator's CA certificate (default: QCLOUDMAIL_EMULATOR_CA);
                       "qcloudmail emulator" prints its path when it starts

Other:
  --attempts N         tries in all for a temporary failure, with back-off (default 3; 1: no retry)
  --dry-run            validate and print the MIME to standard output; connect to nothing
  --json               print the result (or the error) as JSON
  -h, --help           show this help

Exit status: 0 accepted (R15: accepted, not yet delivered), 1 invalid message or
refused for good, 2 wrong usage, missing credentials or unreadable file,
75 temporary failure (rate limit, busy server, network): send again later.

Examples:
  export QCLOUDMAIL_USER=noreply@mail.example.com QCLOUDMAIL_PASS=...
  qcloudmail send --to ada@example.com --subject Hello --text 'Hi Ada'
  qcloudmail send --to ada@example.com --subject Report --html report.html --attach report.pdf
  qcloudmail send --dry-run --from a@example.com --to b@example.com --subject Hi --text Hi`;

const EMULATOR = `Usage: qcloudmail emulator [options]

Starts a local SMTP server that behaves like the service: implicit TLS (like port
465), its checks of credentials, rate limits and message rules, and its replies,
word for word. It keeps what it accepts and shows it in an inbox page in the
browser, with an HTTP API beside it. It prints its SMTP and inbox addresses and
the path of its CA certificate, then runs until Ctrl-C. The same as the
qcloudmail-emulator command.

Options:
  --port N               SMTP port (default 2465; 0 picks a free one)
  --http-port N          port of the HTTP API and inbox page (default 8025; 0 picks a free one)
  --no-http              do not start the HTTP API and inbox page
  --host ADDRESS         interface to listen on (default 127.0.0.1)
  --allowed-host NAME    a host name the HTTP API may be reached by, besides loopback
                         addresses and --host; repeatable (others get 403)
  --user USER:PASS       a sender address and its SMTP password; repeatable
                         (default sender@example.com:secret)
  --app-id ID            the account of the senders (default emulator-app)
  --ca-file PATH         write the CA certificate here (default: a temporary file, removed on exit)
  --max-messages N       messages kept (default 1000)
  --no-rate-limit        switch off the limits of 20 messages a second and 10 an hour per recipient
  --oversize MODE        drop (break the connection, default) or reply (552) for messages over 10 MiB
  --latency MS           hold every reply this long, as a service one round trip away (default 0)
  --rules-base-url URL   link the inbox page's rule ids under this URL (where docs/rules.md lies)
  --callback-url URL     post delivery events (R26-R29) here: the account-level address
  --sender-callback-url SENDER=URL
                         a sender-level address, which wins for that sender; repeatable
  --callback-secret S    sent as ?token=S on every post (better: QCLOUDMAIL_EMULATOR_CALLBACK_SECRET,
                         which keeps it out of the process list)
  --callback-delay MS    from the 250 to the first event (default 10)
  --callback-attempts N  posts of one event before it is given up (default 3)
  --processed-events     post a processed event before each outcome
  --strict-callback-ports
                         refuse callback ports other than 8080-8082, as the provider does
  --verbose              log sessions to standard error
  -h, --help             show this help

Exit status: 0 stopped, 1 could not start (such as a port in use), 2 wrong usage.

Examples:
  qcloudmail emulator
  qcloudmail emulator --port 0 --http-port 0 --ca-file ca.pem
  QCLOUDMAIL_EMULATOR_CA=ca.pem qcloudmail send --emulator --to ada@example.com --subject Hi --text Hi`;

/** The help text of a command, or of `qcloudmail` itself. */
export function helpText(command: CliCommand | 'qcloudmail'): string {
  switch (command) {
    case 'lint':
      return LINT;
    case 'explain':
      return EXPLAIN;
    case 'send':
      return SEND;
    case 'emulator':
      return EMULATOR;
    default:
      return TOP;
  }
}

/** The first line of a command's help: what a usage error prints after its one-line message. */
export function usageLine(command: CliCommand | 'qcloudmail'): string {
  const first = helpText(command).split('\n')[0] ?? '';
  return `${first}\nRun "qcloudmail${command === 'qcloudmail' ? '' : ` ${command}`} --help" for more.`;
}
