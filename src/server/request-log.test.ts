import { describe, expect, it } from 'vitest';
import { urlForLog } from './request-log.ts';

describe('urlForLog', () => {
  it('keeps a path without a query as it is', () => {
    expect(urlForLog('/api/campaigns/3')).toBe('/api/campaigns/3');
  });

  it('keeps the names of the query and leaves out every value', () => {
    expect(urlForLog('/api/registry/people?q=32068419560312102X&page=2')).toBe('/api/registry/people?q=~&page=~');
    expect(urlForLog('/api/registry/people?q=102X')).toBe('/api/registry/people?q=~');
    expect(urlForLog('/api/registry/people?q=')).toBe('/api/registry/people?q=~');
  });

  it('leaves out a query name that is no name (a value sent without one)', () => {
    expect(urlForLog('/api/registry/people?32068419560312102X')).toBe('/api/registry/people?~');
    expect(urlForLog('/api/registry/people?%E5%BC%A0=1')).toBe('/api/registry/people?~');
  });

  it('masks an ID-shaped run of digits in the path', () => {
    expect(urlForLog('/api/registry/people/32068419560312102X')).toBe('/api/registry/people/~');
    expect(urlForLog('/x/320684560312102')).toBe('/x/~');
  });
});
