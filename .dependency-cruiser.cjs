/**
 * The layer order of the README's "Architecture" section, enforced by `npm run lint`. Each layer
 * lists the only folders of ours it may import; an import of anything else of ours is an error.
 * Type-only imports count too: a type from a higher layer couples the lower one to it all the same.
 */
const ours = '^(src|adapters|scripts|migrations)/';

const calendar = 'src/calendar/';
const domain = `src/domain/|${calendar}`;
const config = `src/config/|${domain}`;
const i18n = `src/i18n/|${config}`;
const store = `src/store/|migrations/|src/logger\\.ts$|${config}`;
const notices = `src/notices/|src/i18n/|src/http/|${store}`;
const services = `src/services/|${notices}`;
const jobs = `src/jobs/|${services}`;
const presenters = `src/presenters/|${services}`;
const boot = `src/boot\\.ts$|src/http/|${store}`;
/** Every place of src/ in the order, lowest first. */
const layers = [
  'calendar/',
  'logger\\.ts$',
  'http/',
  'domain/',
  'config/',
  'i18n/',
  'store/',
  'notices/',
  'services/',
  'jobs/',
  'presenters/',
  'boot\\.ts$',
];

/** Files under `from` may import, of our code, only paths matching one of `allowed`. */
function layer(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: ours, pathNot: `^(${allowed})` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No cycles: every module can be read and tested without those that use it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'calendar-is-a-leaf',
      'The calendar imports nothing else of ours.',
      '^src/calendar/',
      calendar,
    ),
    layer('logger-is-a-leaf', 'The logger imports nothing of ours.', '^src/logger\\.ts$', '$^'),
    layer(
      'http-is-a-leaf',
      'The HTTP server needs only the logger.',
      '^src/http/',
      'src/http/|src/logger\\.ts$',
    ),
    layer(
      'domain-imports-only-calendar',
      'The domain is the rules themselves; of ours it needs only the calendar.',
      '^src/domain/',
      domain,
    ),
    layer(
      'config-below-i18n',
      'Configuration reads files into domain values.',
      '^src/config/',
      config,
    ),
    layer('i18n-below-store', 'Translation knows words, not storage.', '^src/i18n/', i18n),
    layer(
      'store-below-notices',
      'The store never reaches up into notices, services or jobs.',
      '^src/store/',
      store,
    ),
    layer(
      'notices-below-services',
      'Services write notices, never the reverse.',
      '^src/notices/',
      notices,
    ),
    layer(
      'services-below-jobs',
      'Use cases know neither schedules nor documents.',
      '^src/services/',
      services,
    ),
    layer(
      'jobs-below-presenters',
      'Jobs run services; documents are rendered above them.',
      '^src/jobs/',
      jobs,
    ),
    layer(
      'presenters-not-jobs',
      'Presenters render what services read, without jobs.',
      '^src/presenters/',
      presenters,
    ),
    layer(
      'boot-composes-config-store-http',
      'Boot opens config, store and HTTP, nothing above.',
      '^src/boot\\.ts$',
      boot,
    ),
    layer(
      'migrations-import-migrations',
      'A migration is frozen: it depends on nothing that changes.',
      '^migrations/',
      'migrations/',
    ),
    {
      name: 'src-folders-are-layers',
      comment: 'A new folder of src/ takes its place in the order (and in the README) first.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: `^src/(${layers.join('|')})`,
      },
      to: { path: ours },
    },
    {
      name: 'src-never-imports-a-chat-sdk',
      comment: 'The core speaks the domain; Slack and Lark live in adapters/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '(^|/)(node_modules/)?(@slack|@larksuiteoapi)/' },
    },
    {
      name: 'adapters-never-touch-the-store',
      comment: 'Adapters get services only: no entity, no manager, no database handle.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'adapters-never-import-scripts',
      comment: 'Scripts sit on top of everything.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'shared-below-platforms',
      comment: 'adapters/shared/ is what the platforms have in common; it knows none of them.',
      severity: 'error',
      from: { path: '^adapters/shared/' },
      to: { path: '^adapters/', pathNot: '^adapters/shared/' },
    },
    {
      name: 'platforms-never-import-each-other',
      comment: 'Slack, Lark and the terminal share through adapters/shared/ only.',
      severity: 'error',
      from: { path: '^adapters/(slack|lark|terminal)/' },
      to: { path: '^adapters/(slack|lark|terminal)/', pathNot: '^adapters/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^test/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
