import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { fail } from '@app/core';
import { IndustryEntity } from './industry.entity';

/** The industry taxonomy: listing it and mapping free text (code, 中文名 or English name) to a code. */
@Injectable()
export class TaxonomyService {
  private cache: Promise<IndustryEntity[]> | undefined;

  constructor(@InjectRepository(IndustryEntity) private readonly industriesRepo: Repository<IndustryEntity>) {}

  /** All industries in display order. The table only changes by migration, so it is read once per process. */
  industries(): Promise<IndustryEntity[]> {
    this.cache ??= this.industriesRepo.find({ order: { sortOrder: 'ASC', code: 'ASC' } }).catch((error: unknown) => {
      this.cache = undefined;
      throw error;
    });
    return this.cache;
  }

  industriesByCodes(codes: readonly string[]): Promise<IndustryEntity[]> {
    return this.industriesRepo.findBy({ code: In([...codes]) });
  }

  /** Maps a code, a Chinese name or an English name (case- and whitespace-insensitive) to a code; null if unknown. */
  async resolveIndustry(text: string | null | undefined): Promise<string | null> {
    const wanted = normalise(text ?? '');
    if (!wanted) return null;
    const match = (await this.industries()).find(
      (industry) =>
        normalise(industry.code) === wanted ||
        normalise(industry.nameZh) === wanted ||
        normalise(industry.nameEn) === wanted,
    );
    return match?.code ?? null;
  }

  /** Like resolveIndustry, but an unknown industry is a BAD_USER_INPUT error naming `field`. */
  async requireIndustry(text: string, field = 'industryCode'): Promise<string> {
    const code = await this.resolveIndustry(text);
    if (!code) throw fail('UNKNOWN_INDUSTRY', { field, industry: text });
    return code;
  }
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}
