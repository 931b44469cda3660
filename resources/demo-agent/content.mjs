// Canned text for the demo agent: what a "work" turn streams, the error lines real agents
// print, the crash stack trace, and the flood generator. Deterministic, so tests and
// benchmarks see the same bytes every run.

/**
 * Turns of plausible agent output. Each step is [kind, text]: 'say' (assistant prose),
 * 'tool' (a tool call header) or 'result' (the tool's one-line outcome). Emoji and CJK on
 * purpose: wide characters must survive every layer of the app.
 */
const WORK_TURNS = [
  [
    ['say', "I'll start by looking at how the request handlers are laid out."],
    ['tool', 'Read(src/server/routes.ts)'],
    ['result', 'Read 128 lines (ctrl+r to expand)'],
    ['tool', 'Update(src/server/routes.ts)'],
    ['result', 'Updated src/server/routes.ts with 3 additions and 1 removal'],
    ['say', 'The handler now validates its input before it touches the database. 修正完了 ✅'],
  ],
  [
    ['say', 'Let me find every caller of parseConfig first.'],
    ['tool', 'Search(pattern: "parseConfig", path: "src")'],
    ['result', 'Found 4 files'],
    ['tool', 'Bash(npm test -- config)'],
    ['result', '✓ 12 tests passed — テスト成功 🎉'],
    ['say', 'All callers pass an explicit path now, and the tests cover the empty-file case.'],
  ],
  [
    ['say', 'I will document the new --dry-run flag in both guides.'],
    ['tool', 'Write(docs/使い方.md)'],
    ['result', 'Wrote 42 lines to docs/使い方.md'],
    ['tool', 'Edit(README.md)'],
    ['result', 'Updated README.md with 7 additions'],
    ['say', 'Done: the README links to the Japanese guide (日本語ガイド) 📝 and both show an example.'],
  ],
];

export function workTurn(index, request) {
  const turn = WORK_TURNS[index % WORK_TURNS.length];
  if (!request) return turn;
  const shown = request.length > 60 ? `${request.slice(0, 59)}…` : request;
  return [['say', `Working on: ${shown}`], ...turn];
}

/** Splits prose into the few-words-at-a-time pieces a model streams. */
export function streamPieces(text, wordsPerPiece = 3) {
  const words = text.split(/(?<= )/);
  const pieces = [];
  for (let i = 0; i < words.length; i += wordsPerPiece) pieces.push(words.slice(i, i + wordsPerPiece).join(''));
  return pieces;
}

export const API_ERRORS = {
  api: ['API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}'],
  rate: [
    'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later."}}',
    'Claude usage limit reached. Your limit will reset at 5pm (UTC).',
  ],
  usage: ['Claude usage limit reached. Your limit will reset at 5pm (UTC).'],
  auth: ['Invalid API key · Please run /login'],
  overloaded: ['API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'],
  network: ['API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10)'],
};

/** What an agent's Node process prints when it dies on a dropped connection. */
export function crashTrace() {
  return [
    'file:///usr/local/lib/node_modules/demo-agent/cli.js:4821',
    '          throw error;',
    '          ^',
    '',
    'Error: read ECONNRESET',
    '    at TLSWrap.onStreamRead (node:internal/stream_base_commons:216:20)',
    '    at TLSWrap.callbackTrampoline (node:internal/async_hooks:130:17)',
    '    at Object.streamMessages (file:///usr/local/lib/node_modules/demo-agent/cli.js:4790:11)',
    '    at async runTurn (file:///usr/local/lib/node_modules/demo-agent/cli.js:5120:5) {',
    '  errno: -104,',
    "  code: 'ECONNRESET',",
    "  syscall: 'read'",
    '}',
    '',
    `Node.js ${process.version}`,
  ].join('\n');
}

const LOREM =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ';

/**
 * Line `i` of the flood: colours (16, 256 and true colour), cursor moves that come back where
 * they started, carriage-return progress, tabs, long wrapping lines, and multibyte UTF-8
 * (accents, CJK, Hangul, emoji, astral letters, right-to-left text).
 */
export function floodLine(i) {
  switch (i % 8) {
    case 0:
      return `\x1b[3${1 + (i % 7)}m[${i}] compiling src/module_${i % 97}.ts\x1b[0m`;
    case 1:
      return `${i}: ${LOREM.repeat(3)}`;
    case 2:
      return `\x1b[1;38;5;${i % 256}m█▓▒░\x1b[0m ünïcödé ✓ 日本語テキスト 한국어 🚀🔥 line ${i}`;
    case 3:
      return `\x1b7\x1b[2A\x1b[7C\x1b[35m*\x1b[0m\x1b8progress ${i % 101}%\r\x1b[Kdownloaded chunk ${i}`;
    case 4:
      return `\x1b[38;2;${i % 256};${(i * 7) % 256};${(i * 13) % 256}mtruecolor ${i}\x1b[0m \x1b[4munderlined\x1b[24m \x1b[7minverse\x1b[27m`;
    case 5:
      return `\t${i}\tcolumn\ttab\tseparated`;
    case 6:
      return `𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral ${i} 🧪 κόσμε Привет مرحبا`;
    default:
      return `\x1b[1A\x1b[1B\x1b[3C\x1b[3D\x1b[32m+ added line ${i}\x1b[0m / \x1b[31m- removed line ${i}\x1b[0m`;
  }
}
