/**
 * The bureau dashboard's benchmark volume, written by set-based SQL into the database of DATABASE_URL (a dedicated
 * benchmark database: scripts/e2e-stack.ts runs this when E2E_EXTRA_SEED names it, after the demo seed): 100,000
 * listed achievements of 300 institutions, 20,000 demands of 2,000 enterprises, 200,000 matches, 30,000
 * introductions and 20,000 deals by 300 brokers — a third of the deals signed, a quarter registered with their
 * amounts — spread over the past three years. Deterministic (setseed). Prints how long it took. The demands are
 * IN_PROGRESS, not OPEN: the stack's worker rematches OPEN demands, which would replace the planted matches and load
 * the machine while it is measured. Ends with the funnel rollup refreshed and the tables vacuumed, as autovacuum
 * leaves them after a bulk load.
 */
import { Client } from 'pg';

const SCALE = {
  institutions: 300,
  enterprises: 2_000,
  brokers: 300,
  achievements: Number(process.env.BENCH_ACHIEVEMENTS ?? 100_000),
  demands: 20_000,
  matchesPerDemand: 10,
  introductions: 30_000,
  deals: Number(process.env.BENCH_DEALS ?? 20_000),
};

const STEPS: Array<[string, string]> = [
  ['random seed', `SELECT setseed(0.42)`],
  [
    'organisations',
    `CREATE TEMP TABLE b_inst AS
       WITH x AS (INSERT INTO organisations (name, kind, region, verification_status, verified_at, external_key)
                  SELECT '基准大学' || g, 'UNIVERSITY', (ARRAY['杭州','宁波','南京','合肥','上海'])[1 + g % 5], 'VERIFIED', now(), 'bench:inst:' || g
                  FROM generate_series(1, ${SCALE.institutions}) g RETURNING id, external_key)
       SELECT row_number() OVER (ORDER BY external_key) AS n, id FROM x;
     CREATE TEMP TABLE b_ent AS
       WITH x AS (INSERT INTO organisations (name, kind, region, verification_status, verified_at, external_key)
                  SELECT '基准企业' || g, 'ENTERPRISE', (ARRAY['杭州','温州','苏州','无锡','湖州','深圳'])[1 + g % 6], 'VERIFIED', now(), 'bench:ent:' || g
                  FROM generate_series(1, ${SCALE.enterprises}) g RETURNING id, external_key)
       SELECT row_number() OVER (ORDER BY external_key) AS n, id FROM x;
     CREATE TEMP TABLE b_agency AS
       WITH x AS (INSERT INTO organisations (name, kind, verification_status, verified_at, external_key)
                  VALUES ('基准经纪机构', 'BROKER_AGENCY', 'VERIFIED', now(), 'bench:agency') RETURNING id)
       SELECT id FROM x;`,
  ],
  [
    'brokers',
    `CREATE TEMP TABLE b_broker AS
       WITH x AS (INSERT INTO users (email, display_name, password_hash, email_verified_at)
                  SELECT 'bench-broker-' || g || '@bench.local', '基准经纪人' || g, 'x', now()
                  FROM generate_series(1, ${SCALE.brokers}) g RETURNING id, email)
       SELECT row_number() OVER (ORDER BY email) AS n, id FROM x;`,
  ],
  ['industries', `CREATE TEMP TABLE b_ind AS SELECT row_number() OVER (ORDER BY code) AS n, code FROM industries`],
  [
    'achievements',
    `CREATE TEMP TABLE b_ach AS
       WITH x AS (
         INSERT INTO achievements (title, institution_id, industry_code, status, listed_at)
         SELECT '基准成果' || g, i.id, ind.code, 'LISTED', now() - (random() * interval '1095 days')
         FROM generate_series(1, ${SCALE.achievements}) g
         JOIN b_inst i ON i.n = 1 + g % ${SCALE.institutions}
         JOIN b_ind ind ON ind.n = 1 + g % (SELECT count(*) FROM b_ind)
         RETURNING id, institution_id, listed_at)
       SELECT row_number() OVER (ORDER BY id) AS n, id, institution_id, listed_at FROM x;`,
  ],
  [
    'demands',
    `CREATE TEMP TABLE b_dem AS
       WITH x AS (
         INSERT INTO demands (organisation_id, title, summary, industry_code, status, published_at)
         SELECT e.id, '基准需求' || g, '摘要', ind.code, 'IN_PROGRESS', now() - (random() * interval '1095 days')
         FROM generate_series(1, ${SCALE.demands}) g
         JOIN b_ent e ON e.n = 1 + g % ${SCALE.enterprises}
         JOIN b_ind ind ON ind.n = 1 + (g * 7) % (SELECT count(*) FROM b_ind)
         RETURNING id, organisation_id, published_at)
       SELECT row_number() OVER (ORDER BY id) AS n, id, organisation_id, published_at FROM x;`,
  ],
  [
    'matches',
    `CREATE TEMP TABLE b_match AS
       WITH x AS (
         INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, computed_at, created_at)
         SELECT d.id, 'ACHIEVEMENT', a.id, random(), '{}', 'bench', at, at
         FROM b_dem d CROSS JOIN generate_series(1, ${SCALE.matchesPerDemand}) k
         JOIN b_ach a ON a.n = 1 + (d.n * 7919 + k * 104729) % ${SCALE.achievements}
         CROSS JOIN LATERAL (SELECT greatest(d.published_at, a.listed_at) + random() * interval '20 days' AS at) t
         RETURNING id, demand_id, target_id, created_at)
       SELECT row_number() OVER (ORDER BY id) AS n, * FROM x;`,
  ],
  [
    'introductions',
    `CREATE TEMP TABLE b_intro AS
       WITH x AS (
         INSERT INTO introductions (demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
                                    target_organisation_id, status, created_at)
         SELECT m.demand_id, 'ACHIEVEMENT', m.target_id, b.id, (SELECT id FROM b_agency), d.organisation_id,
                a.institution_id, (ARRAY['ACCEPTED','ACCEPTED','DECLINED','PROPOSED'])[1 + m.n % 4]::introduction_status,
                m.created_at + random() * interval '10 days'
         FROM b_match m JOIN b_dem d ON d.id = m.demand_id JOIN b_ach a ON a.id = m.target_id
         JOIN b_broker b ON b.n = 1 + m.n % ${SCALE.brokers}
         WHERE m.n <= ${SCALE.introductions}
         RETURNING id, created_at)
       SELECT row_number() OVER (ORDER BY id) AS n, * FROM x;`,
  ],
  [
    'deals',
    `CREATE TEMP TABLE b_deal AS
       WITH src AS (
         SELECT i.*, x.n, x.created_at + random() * interval '15 days' AS opened,
                CASE WHEN x.n % 4 = 0 THEN 'REGISTERED' WHEN x.n % 12 IN (1, 5) THEN 'CONTRACT_SIGNED'
                     WHEN x.n % 12 IN (2, 6) THEN 'CLOSED_LOST' ELSE 'NEGOTIATING' END AS stage
         FROM b_intro x JOIN introductions i ON i.id = x.id WHERE x.n <= ${SCALE.deals}),
       ins AS (
         INSERT INTO deals (introduction_id, demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
                            target_organisation_id, stage, stage_entered_at, last_activity_at, created_at, registered_at,
                            contract_value_wan, technical_income_wan, commission_wan, registration_number,
                            registration_authority, contract_type)
         SELECT s.id, s.demand_id, s.target_type, s.target_id, s.broker_id, s.agency_id, s.demand_organisation_id,
                s.target_organisation_id, s.stage::deal_stage, s.opened, s.opened, s.opened,
                CASE WHEN s.stage = 'REGISTERED' THEN s.opened + interval '60 days' END,
                CASE WHEN s.stage = 'REGISTERED' THEN round((10 + random() * 500)::numeric, 2) END,
                CASE WHEN s.stage = 'REGISTERED' THEN round((5 + random() * 300)::numeric, 2) END,
                CASE WHEN s.stage = 'REGISTERED' THEN round((random() * 20)::numeric, 2) END,
                CASE WHEN s.stage = 'REGISTERED' THEN 'BENCH' || lpad(s.n::text, 10, '0') END,
                CASE WHEN s.stage = 'REGISTERED' THEN '基准技术市场管理办公室' END,
                CASE WHEN s.stage = 'REGISTERED'
                     THEN (ARRAY['TRANSFER','LICENSE','DEVELOPMENT','SERVICE','CONSULTING'])[1 + s.n % 5]::tech_contract_type END
         FROM src s RETURNING id, stage, created_at, registered_at)
       SELECT * FROM ins;`,
  ],
  [
    'deal activities',
    `INSERT INTO deal_activities (deal_id, kind, from_stage, to_stage, created_at)
       SELECT id, 'CREATED', NULL, 'INTRODUCED', created_at FROM b_deal;
     INSERT INTO deal_activities (deal_id, kind, from_stage, to_stage, created_at)
       SELECT id, 'STAGE_CHANGED', 'NEGOTIATING', 'CONTRACT_SIGNED', created_at + interval '40 days'
       FROM b_deal WHERE stage IN ('CONTRACT_SIGNED', 'REGISTERED');
     INSERT INTO deal_activities (deal_id, kind, from_stage, to_stage, created_at)
       SELECT id, 'STAGE_CHANGED', 'CONTRACT_SIGNED', 'REGISTERED', registered_at FROM b_deal WHERE stage = 'REGISTERED';`,
  ],
  // The funnel's rollup (libs/analytics) for the planted rows at once, as the dashboard's first funnel would.
  ['funnel rollup', `SELECT analytics_funnel_refresh()`],
  // What autovacuum does after a bulk load: statistics, and the visibility map that lets the dashboard's counts
  // read the time-range indexes alone (index-only scans).
  [
    'statistics',
    `VACUUM (ANALYZE) achievements, demands, matches, introductions, deals, deal_activities, analytics_achievement_funnel`,
  ],
  ['other statistics', `ANALYZE`],
];

async function main(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const started = Date.now();
  try {
    for (const [label, sql] of STEPS) {
      const at = Date.now();
      await client.query(sql);
      console.error(`  seeded ${label} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.end();
  }
  console.error(
    `Benchmark volume (${SCALE.achievements} listings, ${SCALE.deals} deals) seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
