/**
 * Places: Huawei Cloud regions (the `region_code` of resources and bills) and the Chinese administrative
 * divisions of ListProvinces §5.7, ListCities §5.8 and ListCounties §5.9.
 *
 * Division lists are read whole and cached across requests. Huawei answers them in Chinese whatever
 * `X-Language` says (§0.1), so one cache entry serves every language. Their responses do not carry the
 * parent code; it is attached here from the request (§7.1).
 */
import { ListCities, ListCounties, ListProvinces } from '../bss/operations/commerce/index.js';
import type { Language } from '../language.js';
import type { ReferenceContext } from './reference.js';

type Ctx = ReferenceContext;

export interface ProvinceShape {
  readonly code: string;
  readonly name: string;
}

export interface CityShape {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
}

export interface CountyShape {
  readonly code: string;
  readonly name: string;
  readonly cityCode: string;
}

/** The divisions endpoints only speak Chinese, so every language shares this cache key. */
const DIVISIONS_LANGUAGE = 'zh_CN' as const;

export function provinces(ctx: Ctx): Promise<ProvinceShape[]> {
  return ctx.reference.get('provinces', DIVISIONS_LANGUAGE, async () => {
    const { items } = await ctx.bss.paginate(ListProvinces, {}, { language: DIVISIONS_LANGUAGE });
    return items.map((p) => ({ code: p.code, name: p.name }));
  });
}

export function cities(ctx: Ctx, provinceCode: string): Promise<CityShape[]> {
  return ctx.reference.get(
    'cities',
    DIVISIONS_LANGUAGE,
    async () => {
      const { items } = await ctx.bss.paginate(ListCities, { province_code: provinceCode }, { language: DIVISIONS_LANGUAGE });
      return items.map((c) => ({ code: c.code, name: c.name, provinceCode }));
    },
    provinceCode,
  );
}

export function counties(ctx: Ctx, cityCode: string): Promise<CountyShape[]> {
  return ctx.reference.get(
    'counties',
    DIVISIONS_LANGUAGE,
    async () => {
      const { items } = await ctx.bss.paginate(ListCounties, { city_code: cityCode }, { language: DIVISIONS_LANGUAGE });
      return items.map((c) => ({ code: c.code, name: c.name, cityCode }));
    },
    cityCode,
  );
}

/** The province a city belongs to, from the cached province list (null for a code Huawei does not list). */
export async function provinceByCode(ctx: Ctx, code: string): Promise<ProvinceShape | null> {
  return (await provinces(ctx)).find((p) => p.code === code) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Regions

export interface RegionShape {
  readonly code: string;
  /** Localised name, or null for a region this gateway has no name for. */
  readonly name: string | null;
}

/**
 * Huawei Cloud region names as the console shows them. The BSS API has no region catalogue: bill records
 * carry `region_name`, but resource records (§3.1, §3.2) only `region_code`, so the names of the public
 * regions are kept here. A code missing from this table keeps its record's own name, or none.
 */
const REGION_NAMES: ReadonlyMap<string, { readonly zh_CN: string; readonly en_US: string }> = new Map([
  ['cn-north-1', { zh_CN: '华北-北京一', en_US: 'CN North-Beijing1' }],
  ['cn-north-2', { zh_CN: '华北-北京二', en_US: 'CN North-Beijing2' }],
  ['cn-north-4', { zh_CN: '华北-北京四', en_US: 'CN North-Beijing4' }],
  ['cn-north-9', { zh_CN: '华北-乌兰察布一', en_US: 'CN North-Ulanqab1' }],
  ['cn-east-2', { zh_CN: '华东-上海二', en_US: 'CN East-Shanghai2' }],
  ['cn-east-3', { zh_CN: '华东-上海一', en_US: 'CN East-Shanghai1' }],
  ['cn-south-1', { zh_CN: '华南-广州', en_US: 'CN South-Guangzhou' }],
  ['cn-south-4', { zh_CN: '华南-广州-友好用户环境', en_US: 'CN South-Guangzhou-InvitationOnly' }],
  ['cn-southwest-2', { zh_CN: '西南-贵阳一', en_US: 'CN Southwest-Guiyang1' }],
  ['ap-southeast-1', { zh_CN: '中国-香港', en_US: 'CN-Hong Kong' }],
  ['ap-southeast-2', { zh_CN: '亚太-曼谷', en_US: 'AP-Bangkok' }],
  ['ap-southeast-3', { zh_CN: '亚太-新加坡', en_US: 'AP-Singapore' }],
  ['ap-southeast-4', { zh_CN: '亚太-雅加达', en_US: 'AP-Jakarta' }],
  ['af-south-1', { zh_CN: '非洲-约翰内斯堡', en_US: 'AF-Johannesburg' }],
  ['la-north-2', { zh_CN: '拉美-墨西哥城二', en_US: 'LA-Mexico City2' }],
  ['la-south-2', { zh_CN: '拉美-圣地亚哥', en_US: 'LA-Santiago' }],
  ['sa-brazil-1', { zh_CN: '拉美-圣保罗一', en_US: 'LA-Sao Paulo1' }],
  ['tr-west-1', { zh_CN: '土耳其-伊斯坦布尔', en_US: 'TR-Istanbul' }],
  ['me-east-1', { zh_CN: '中东-利雅得', en_US: 'ME-Riyadh' }],
]);

/** A region by code, in the request's language; a record's own `region_name` wins where it has one. */
export function regionByCode(ctx: { readonly language: Language }, code: string, nameFromRecord?: string | null): RegionShape {
  return { code, name: nameFromRecord || REGION_NAMES.get(code)?.[ctx.language] || null };
}
