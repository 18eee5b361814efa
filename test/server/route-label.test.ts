// Metrics label routes by a bounded set: ours, a family, or unmatched — never the raw URL.
import { describe, expect, it } from 'vitest';
import { routeLabel } from '../../src/server/index.js';

describe('routeLabel', () => {
  it.each([
    { path: '/api/answer', status: 200, want: '/api/answer', why: 'our route' },
    { path: '/webhook/line/', status: 401, want: '/webhook/line', why: 'trailing slash' },
    { path: '/console/api/ask', status: 200, want: '/console', why: 'console family' },
    { path: '/wp-login.php', status: 404, want: 'unmatched', why: 'scanners must not grow the label set' },
    { path: '/admin/reload', status: 200, want: '/admin/reload', why: 'admin' },
  ])('$path → $want ($why)', ({ path, status, want }) => {
    expect(routeLabel(path, status)).toBe(want);
  });
});
