import { AppConfig } from '../config/app-config';
import { requestIdFrom, runWithRequestContext, withRequestId, requestIdOfJob } from '../logging/request-context';
import { MetricsService, routeGroup } from './metrics';

describe('metric labels stay bounded', () => {
  // Only the label logic is exercised: no scrape, so no queue, database or Meilisearch is reached.
  const metrics = new MetricsService(new AppConfig(), null as never, null as never, null as never);

  it('keeps operation names up to a cap, collapses unnamed, malformed and later ones', () => {
    expect(metrics.operationLabel(undefined)).toBe('(anonymous)');
    expect(metrics.operationLabel('')).toBe('(anonymous)');
    expect(metrics.operationLabel('Bad name"}')).toBe('(other)');
    expect(metrics.operationLabel('x'.repeat(65))).toBe('(other)');
    expect(metrics.operationLabel('Register')).toBe('Register');
    for (let i = 0; i < 300; i++) metrics.operationLabel(`Generated${i}`);
    expect(metrics.operationLabel('Generated10')).toBe('Generated10');
    expect(metrics.operationLabel('Generated250')).toBe('(other)');
    expect(metrics.operationLabel('Register')).toBe('Register');
  });

  it('groups HTTP paths into a fixed set of routes', () => {
    expect(routeGroup('/graphql')).toBe('graphql');
    expect(routeGroup('/files/0b1c')).toBe('files');
    expect(routeGroup('/admin/queues/api')).toBe('admin');
    expect(routeGroup('/some/page/of/the/web/app')).toBe('other');
    expect(routeGroup('/')).toBe('other');
  });

  it('checks METRICS_TOKEN when set', () => {
    const config = new AppConfig();
    const guarded = new MetricsService(config, null as never, null as never, null as never);
    expect(guarded.authorized(undefined)).toBe(true);
    config.METRICS_TOKEN = 'a-token-of-sixteen+';
    expect(guarded.authorized(undefined)).toBe(false);
    expect(guarded.authorized('Bearer wrong')).toBe(false);
    expect(guarded.authorized('Bearer a-token-of-sixteen+')).toBe(true);
  });
});

describe('request context', () => {
  it('keeps a plain incoming id and replaces anything else', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdFrom('with space')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom('x'.repeat(129))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds the current id to job data, across awaits, and only inside a request', async () => {
    expect(withRequestId({ id: 1 })).toEqual({ id: 1 });
    const data = await runWithRequestContext({ requestId: 'req-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return [withRequestId({ id: 1 }), withRequestId({ id: 2, requestId: 'own' }), withRequestId([1])];
    });
    expect(data).toEqual([{ id: 1, requestId: 'req-1' }, { id: 2, requestId: 'own' }, [1]]);
    expect(requestIdOfJob({ requestId: 'req-1' })).toBe('req-1');
    expect(requestIdOfJob({ requestId: 'bad id' })).toBeUndefined();
    expect(requestIdOfJob(null)).toBeUndefined();
  });
});
