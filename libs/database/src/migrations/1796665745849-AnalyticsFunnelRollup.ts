import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversion funnel's rollup (libs/analytics, funnel.entity.ts): per listed achievement the first match,
 * introduction, deal, signing and registration. Statement triggers on the five source tables append the touched
 * achievements to analytics_funnel_dirty (a TRUNCATE appends a NULL: rebuild all); analytics_funnel_refresh()
 * recomputes the marked rows, set-based, and is run by the funnel query before it reads. 'declined-outside-matching'
 * is DECLINED_OUTSIDE_MATCHING of libs/matching: such matches are not matches for the funnel.
 */
const REFRESH = `
CREATE FUNCTION analytics_funnel_refresh() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  touched integer;
BEGIN
  -- Nothing marked (the usual case): nothing to take, no lock, no temporary table.
  IF NOT EXISTS (SELECT 1 FROM analytics_funnel_dirty) THEN
    RETURN 0;
  END IF;
  -- One refresher at a time; each statement below sees what committed before it (READ COMMITTED), so a mark is
  -- only taken together with the change that made it.
  PERFORM pg_advisory_xact_lock(hashtext('analytics_funnel_refresh'));
  CREATE TEMP TABLE IF NOT EXISTS analytics_funnel_todo (achievement_id uuid) ON COMMIT DROP;
  TRUNCATE analytics_funnel_todo;
  WITH taken AS (DELETE FROM analytics_funnel_dirty RETURNING achievement_id)
  INSERT INTO analytics_funnel_todo SELECT DISTINCT achievement_id FROM taken;
  IF EXISTS (SELECT 1 FROM analytics_funnel_todo WHERE achievement_id IS NULL) THEN
    TRUNCATE analytics_funnel_todo;
    INSERT INTO analytics_funnel_todo SELECT achievement_id FROM analytics_achievement_funnel
      UNION SELECT id FROM achievements WHERE listed_at IS NOT NULL;
  END IF;
  SELECT count(*) INTO touched FROM analytics_funnel_todo;
  IF touched = 0 THEN
    RETURN 0;
  END IF;
  ANALYZE analytics_funnel_todo;
  DELETE FROM analytics_achievement_funnel f USING analytics_funnel_todo t WHERE f.achievement_id = t.achievement_id;
  INSERT INTO analytics_achievement_funnel (achievement_id, listed_at, industry_code, first_matched_at,
    first_introduced_at, first_deal_at, first_signed_at, first_registered_at)
  SELECT a.id, a.listed_at, a.industry_code, fm.at, fi.at, fd.at, fd.signed, fd.registered
  FROM analytics_funnel_todo t JOIN achievements a ON a.id = t.achievement_id AND a.listed_at IS NOT NULL
  LEFT JOIN (SELECT m.target_id, min(m.created_at) AS at FROM matches m JOIN analytics_funnel_todo t ON t.achievement_id = m.target_id
             WHERE m.target_type = 'ACHIEVEMENT' AND m.engine_version <> 'declined-outside-matching' GROUP BY m.target_id) fm
    ON fm.target_id = a.id
  LEFT JOIN (SELECT i.target_id, min(i.created_at) AS at FROM introductions i JOIN analytics_funnel_todo t ON t.achievement_id = i.target_id
             WHERE i.target_type = 'ACHIEVEMENT' GROUP BY i.target_id) fi
    ON fi.target_id = a.id
  LEFT JOIN (SELECT d.target_id, min(d.created_at) AS at, min(COALESCE(x.signed_at, d.registered_at)) AS signed,
                    min(d.registered_at) AS registered
             FROM deals d JOIN analytics_funnel_todo t ON t.achievement_id = d.target_id
             LEFT JOIN LATERAL (SELECT min(da.created_at) AS signed_at FROM deal_activities da
                                WHERE da.deal_id = d.id AND da.to_stage = 'CONTRACT_SIGNED') x ON true
             WHERE d.target_type = 'ACHIEVEMENT' GROUP BY d.target_id) fd
    ON fd.target_id = a.id;
  RETURN touched;
END $$`;

/**
 * [table, the achievements a statement's rows touch (from the transition table `rows`), and for achievements the
 * updates that matter (listing time or industry changed; any update of the others may change a first time)]
 */
const SOURCES: Array<[string, string, string?]> = [
  [
    'achievements',
    'SELECT id FROM rows WHERE listed_at IS NOT NULL',
    `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.listed_at IS DISTINCT FROM o.listed_at OR n.industry_code IS DISTINCT FROM o.industry_code`,
  ],
  ['matches', "SELECT target_id FROM rows WHERE target_type = 'ACHIEVEMENT'"],
  ['introductions', "SELECT target_id FROM rows WHERE target_type = 'ACHIEVEMENT'"],
  ['deals', "SELECT target_id FROM rows WHERE target_type = 'ACHIEVEMENT'"],
  [
    'deal_activities',
    "SELECT d.target_id FROM rows r JOIN deals d ON d.id = r.deal_id WHERE r.to_stage = 'CONTRACT_SIGNED' AND d.target_type = 'ACHIEVEMENT'",
  ],
];

function markingSql(table: string, touched: string, updated?: string): string[] {
  const fn = `analytics_funnel_mark_${table}`;
  const mark = (rows: string) => `INSERT INTO analytics_funnel_dirty (achievement_id)
      SELECT DISTINCT x.id FROM (${touched.replace(/\brows\b/, rows)}) AS x(id) WHERE x.id IS NOT NULL;`;
  return [
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO analytics_funnel_dirty (achievement_id) VALUES (NULL);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND ${!updated}) THEN
    ${mark('new_rows')}
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ${!updated}) THEN
    ${mark('old_rows')}
  END IF;${
    updated
      ? `
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO analytics_funnel_dirty (achievement_id) SELECT DISTINCT x.id FROM (${updated}) AS x(id);
  END IF;`
      : ''
  }
  RETURN NULL;
END $$`,
    `CREATE TRIGGER ${fn}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${fn}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${fn}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${fn}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

export class AnalyticsFunnelRollup1796665745849 implements MigrationInterface {
  name = 'AnalyticsFunnelRollup1796665745849';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "analytics_achievement_funnel" ("achievement_id" uuid NOT NULL, "listed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "industry_code" text, "first_matched_at" TIMESTAMP WITH TIME ZONE, "first_introduced_at" TIMESTAMP WITH TIME ZONE, "first_deal_at" TIMESTAMP WITH TIME ZONE, "first_signed_at" TIMESTAMP WITH TIME ZONE, "first_registered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1b23ad613ef9fc0744887516695" PRIMARY KEY ("achievement_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_analytics_achievement_funnel_listed" ON "analytics_achievement_funnel"  ("listed_at", "industry_code") ',
    );
    await queryRunner.query(
      'CREATE TABLE "analytics_funnel_dirty" ("id" BIGSERIAL NOT NULL, "achievement_id" uuid, CONSTRAINT "PK_c1875204c09f6d9222bc0fa7972" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_achievements_listed" ON "achievements"  ("listed_at", "industry_code", "institution_id") WHERE listed_at IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_matches_created" ON "matches"  ("created_at", "engine_version", "demand_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_introductions_target" ON "introductions"  ("target_type", "target_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_introductions_created" ON "introductions"  ("created_at", "status", "demand_id") ',
    );
    await queryRunner.query('CREATE INDEX "idx_deals_target" ON "deals"  ("target_type", "target_id") ');
    await queryRunner.query('CREATE INDEX "idx_deals_created" ON "deals"  ("created_at", "demand_id", "stage") ');
    await queryRunner.query(REFRESH);
    for (const [table, touched, updated] of SOURCES) {
      for (const sql of markingSql(table, touched, updated)) await queryRunner.query(sql);
    }
    // Every listed achievement's row, at once.
    await queryRunner.query('INSERT INTO analytics_funnel_dirty (achievement_id) VALUES (NULL)');
    await queryRunner.query('SELECT analytics_funnel_refresh()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of SOURCES) {
      for (const op of ['insert', 'update', 'delete', 'truncate']) {
        await queryRunner.query(`DROP TRIGGER analytics_funnel_mark_${table}_${op} ON ${table}`);
      }
      await queryRunner.query(`DROP FUNCTION analytics_funnel_mark_${table}()`);
    }
    await queryRunner.query('DROP FUNCTION analytics_funnel_refresh()');
    await queryRunner.query('DROP INDEX "public"."idx_deals_created"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_target"');
    await queryRunner.query('DROP INDEX "public"."idx_introductions_created"');
    await queryRunner.query('DROP INDEX "public"."idx_introductions_target"');
    await queryRunner.query('DROP INDEX "public"."idx_matches_created"');
    await queryRunner.query('DROP INDEX "public"."idx_achievements_listed"');
    await queryRunner.query('DROP TABLE "analytics_funnel_dirty"');
    await queryRunner.query('DROP INDEX "public"."idx_analytics_achievement_funnel_listed"');
    await queryRunner.query('DROP TABLE "analytics_achievement_funnel"');
  }
}
