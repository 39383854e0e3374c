import { MigrationInterface, QueryRunner } from 'typeorm';

/** The district's priority industries first, then the usual others. Codes are stable: other tables reference them. */
const INDUSTRIES: ReadonlyArray<[code: string, nameZh: string, nameEn: string]> = [
  ['software', '软件信息', 'Software and information services'],
  ['ai', '人工智能', 'Artificial intelligence'],
  ['low_altitude', '低空经济', 'Low-altitude economy'],
  ['iot', '物联网', 'Internet of Things'],
  ['ic', '集成电路', 'Integrated circuits'],
  ['new_materials', '新材料', 'New materials'],
  ['biomedicine', '生物医药', 'Biomedicine'],
  ['medical_devices', '医疗器械', 'Medical devices'],
  ['smart_manufacturing', '智能制造', 'Smart manufacturing'],
  ['new_energy', '新能源', 'New energy'],
  ['energy_saving', '节能环保', 'Energy saving and environmental protection'],
  ['modern_agriculture', '现代农业', 'Modern agriculture'],
  ['culture_tourism_education', '文旅教育', 'Culture, tourism and education'],
];

export class Industries1795724588305 implements MigrationInterface {
  name = 'Industries1795724588305';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "industries" ("code" text NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, "sort_order" integer NOT NULL, CONSTRAINT "PK_afc1ff553ae4dfc3502ccb363d0" PRIMARY KEY ("code"))',
    );
    // Seed data every database needs (the taxonomy is fixed, not user-editable).
    for (const [index, [code, nameZh, nameEn]] of INDUSTRIES.entries()) {
      await queryRunner.query(
        'INSERT INTO "industries" ("code", "name_zh", "name_en", "sort_order") VALUES ($1, $2, $3, $4)',
        [code, nameZh, nameEn, (index + 1) * 10],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "industries"');
  }
}
