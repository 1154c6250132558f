/**
 * Dependencies point one way (docs/architecture.md):
 *
 *   app/, bin/, adapters/cli/, eval/, bench/   composition roots: may import anything
 *   adapters/<channel>/, server, ops          translate; get their config slice and ports injected
 *   bot/                                       the core: engine, understanding, flows, answers
 *   knowledge/, ingest/                        the store and what fills it; implement the ports
 *   domain/                                    records, messages, ports, OrientaError, Clock
 *   text/, time/                               pure helpers
 *
 * test/tooling/dependencies.test.ts runs these rules in `npm test`. Tests may import anything.
 */

const TESTS = '(^|/)test/|\\.test\\.ts$';

// What only a composition root may import: wiring, harnesses, scripts.
const ROOTS = '^(app|bin|eval|bench|adapters/cli)/';

// Cycles already there, left out until each is broken by moving what its members share. A new
// cycle through any other module fails.
const KNOWN_CYCLES = '^bot/flows/(facts|search)\\.ts$|^eval/(result|metrics|compare|coverage/metrics)\\.ts$';

// Channel SDKs, servers, store drivers, model clients, logging and metrics back-ends: the core
// reaches all of these through ports, so a swap or a fake never touches it.
const SDKS =
  '^node_modules/(telegraf|botbuilder|botframework-[^/]+|@slack/[^/]+|hono|@hono/[^/]+|openai|pg|pgvector|@electric-sql/[^/]+|pino|prom-client|commander)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-neutral',
      comment: 'domain/ is what every layer shares; importing any of them would bring a layer along.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(bot|knowledge|ingest|adapters|app|eval|bench|bin|text|time)/' },
    },
    {
      name: 'domain-has-no-sdk',
      comment: 'Types and zod schemas only: a client or driver here would reach every layer.',
      severity: 'error',
      from: { path: '^domain/', pathNot: TESTS },
      to: { path: '^node_modules/', pathNot: '^node_modules/zod/' },
    },
    {
      name: 'core-imports-no-outer-layer',
      comment: 'The engine never knows which channel, CLI or harness drives it.',
      severity: 'error',
      from: { path: '^bot/', pathNot: TESTS },
      to: { path: '^(adapters|app|eval|ingest|bench|bin)/' },
    },
    {
      name: 'core-imports-no-sdk',
      comment:
        'The core reaches platforms, stores and models through ports. openai-language-model.ts is ' +
        'the LanguageModel port over the openai SDK and still lives beside its port in bot/llm/.',
      severity: 'error',
      from: { path: '^bot/', pathNot: [TESTS, '^bot/llm/openai-language-model\\.ts$'] },
      to: { path: SDKS },
    },
    {
      name: 'core-imports-no-store',
      comment:
        'The core reaches the store through ports. The three modules allowed are pure (words, ' +
        'question parsing, booking limits, no database); they belong outside knowledge/ and are ' +
        'listed so nothing else slips in.',
      severity: 'error',
      from: { path: '^bot/', pathNot: TESTS },
      to: {
        path: '^knowledge/',
        pathNot: '^knowledge/(search/query-understanding|search/vocabulary|bookings/booking-limits)\\.ts$',
      },
    },
    {
      name: 'store-imports-no-core',
      comment: 'knowledge/ implements the ports of domain/; the engine, flows and channels are above it.',
      severity: 'error',
      from: { path: '^knowledge/', pathNot: TESTS },
      to: { path: '^(bot|adapters|app|eval|ingest|bench|bin)/' },
    },
    {
      name: 'ingest-imports-no-core',
      comment: 'Ingest turns sources into records for the store; it answers no one.',
      severity: 'error',
      from: { path: '^ingest/', pathNot: TESTS },
      to: { path: '^(bot|adapters|app|eval|bench|bin)/' },
    },
    {
      name: 'helpers-are-leaves',
      comment: 'text/ and time/ are used by every layer, so they can import none.',
      severity: 'error',
      from: { path: '^(text|time)/', pathNot: TESTS },
      to: { path: '^(bot|knowledge|ingest|adapters|app|eval|bench|bin)/' },
    },
    {
      name: 'only-roots-import-adapters',
      comment: 'Channels are chosen and wired by the composition root alone.',
      severity: 'error',
      from: { pathNot: [TESTS, ROOTS, '^adapters/'] },
      to: { path: '^adapters/' },
    },
    {
      name: 'adapters-get-ports',
      comment:
        'A channel adapter, the HTTP server and its ops routes get their slice of the configuration ' +
        'and ports by role from the composition root (app/): never the store, the configuration, the ' +
        'metrics back-end or the root itself. The CLI is a composition root of its own.',
      severity: 'error',
      from: { path: '^adapters/', pathNot: [TESTS, '^adapters/cli/'] },
      to: { path: '^(app|knowledge|ingest|bench|bin)/' },
    },
    {
      name: 'only-roots-import-eval',
      comment: 'The eval harness drives the app; nothing the app runs depends on it.',
      severity: 'error',
      from: { pathNot: [TESTS, ROOTS] },
      to: { path: '^eval/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle makes two modules one: neither can be read, tested or moved alone. The cycles ' +
        'already there are left out until they are broken: flows/facts.ts and flows/search.ts call ' +
        "each other; eval/result.ts and the metrics and comparison it holds share each other's types.",
      severity: 'error',
      from: { pathNot: [TESTS, KNOWN_CYCLES] },
      to: { circular: true },
    },
    {
      name: 'production-imports-no-test',
      comment:
        'Test support is not shipped, and a fake reached from production code is an "is test" ' +
        'switch. Benchmarks and the retrieval report are scripts that build the sample store as the tests do.',
      severity: 'error',
      from: { pathNot: [TESTS, '^(bench|eval)/'] },
      to: { path: TESTS },
    },
    {
      name: 'resolvable',
      comment: 'An import the cruiser cannot resolve is invisible to every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a port that names an implementation's type ties them all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Subpath exports ("hono/cors", "@electric-sql/pglite/contrib/unaccent") resolve only
    // through package.json "exports", as Node does.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
