// The one source of route strings: components link with getHref(), the router uses path.
export const paths = {
  login: { path: '/login', getHref: () => '/login' },
  dashboard: { path: '/', getHref: () => '/' },
  newRun: { path: '/runs/new', getHref: () => '/runs/new' },
  runDetail: { path: '/runs/:runId', getHref: (runId: string) => `/runs/${encodeURIComponent(runId)}` },
  exceptions: {
    path: '/exceptions',
    getHref: (runId?: string) => (runId ? `/exceptions?run_id=${encodeURIComponent(runId)}` : '/exceptions'),
  },
  files: { path: '/files', getHref: () => '/files' },
  users: { path: '/users', getHref: () => '/users' },
  rulebook: { path: '/rulebook', getHref: () => '/rulebook' },
  account: { path: '/account', getHref: () => '/account' },
} as const;
