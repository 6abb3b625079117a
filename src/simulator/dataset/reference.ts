/**
 * The simulator's product catalogue: service types, resource types, usage types, measurement units,
 * conversions and regions, with the codes Huawei uses (`hws.service.type.ec2`, `hws.resource.type.vm`).
 * Every generated order, resource and bill record points into these tables, so reference lookups in the
 * gateway always resolve. Names are localised as `X-Language` asks (zh_CN default, en_US).
 */

export type Language = 'zh_CN' | 'en_US';
export type Localized = Readonly<Record<Language, string>>;

const l = (zh: string, en: string): Localized => ({ zh_CN: zh, en_US: en });

export interface ServiceTypeDef {
  readonly code: string;
  readonly abbreviation: string;
  readonly name: Localized;
}

export interface ResourceTypeDef {
  readonly code: string;
  readonly serviceTypeCode: string;
  readonly name: Localized;
  readonly desc: Localized;
  /** Charge modes this resource type is sold under: 1 yearly/monthly, 3 pay-per-use. */
  readonly chargeModes: readonly (1 | 3)[];
  /** The usage type its pay-per-use bills meter. */
  readonly usageType: string;
  /** Price per usage unit in yuan, pay-per-use (exact decimal text, up to 8 decimals). */
  readonly unitPrice: string;
  /** Monthly list price in yuan for yearly/monthly subscriptions. */
  readonly monthlyPrice: string;
  /** Typical spec text, as order line items and resources carry it. */
  readonly specs: readonly string[];
}

export interface UsageTypeDef {
  readonly code: string;
  readonly resourceTypeCode: string;
  readonly name: Localized;
  /** Unit the usage is metered in (a measure_id of MEASURE_UNITS). */
  readonly measureId: number;
}

export interface MeasureUnitDef {
  readonly id: number;
  readonly name: Localized;
  readonly abbreviation: string;
  /** 1 currency, 2 duration, 3 traffic, 4 quantity, 7 capacity, 11 frequency, 15 capacity×duration, 16 bandwidth rate. */
  readonly measureType: number;
}

export interface ConversionDef {
  readonly measureId: number;
  readonly refMeasureId: number;
  /** 1 unit of measureId = ratio units of refMeasureId (a long on the wire). */
  readonly ratio: number;
  readonly measureType: number;
}

export interface RegionDef {
  readonly code: string;
  readonly name: Localized;
}

export const SERVICE_TYPES: readonly ServiceTypeDef[] = [
  { code: 'hws.service.type.ec2', abbreviation: 'ECS', name: l('弹性云服务器', 'Elastic Cloud Server') },
  { code: 'hws.service.type.ebs', abbreviation: 'EVS', name: l('云硬盘', 'Elastic Volume Service') },
  { code: 'hws.service.type.vpc', abbreviation: 'VPC', name: l('虚拟私有云', 'Virtual Private Cloud') },
  { code: 'hws.service.type.rds', abbreviation: 'RDS', name: l('云数据库', 'Relational Database Service') },
  { code: 'hws.service.type.obs', abbreviation: 'OBS', name: l('对象存储服务', 'Object Storage Service') },
  { code: 'hws.service.type.cdn', abbreviation: 'CDN', name: l('内容分发网络', 'Content Delivery Network') },
  { code: 'hws.service.type.elb', abbreviation: 'ELB', name: l('弹性负载均衡', 'Elastic Load Balance') },
  { code: 'hws.service.type.dcs', abbreviation: 'DCS', name: l('分布式缓存服务', 'Distributed Cache Service') },
  { code: 'hws.service.type.cce', abbreviation: 'CCE', name: l('云容器引擎', 'Cloud Container Engine') },
  { code: 'hws.service.type.functiongraph', abbreviation: 'FunctionGraph', name: l('函数工作流', 'FunctionGraph') },
  { code: 'hws.service.type.dns', abbreviation: 'DNS', name: l('云解析服务', 'Domain Name Service') },
  { code: 'hws.service.type.waf', abbreviation: 'WAF', name: l('Web应用防火墙', 'Web Application Firewall') },
];

export const RESOURCE_TYPES: readonly ResourceTypeDef[] = [
  {
    code: 'hws.resource.type.vm', serviceTypeCode: 'hws.service.type.ec2', name: l('云主机', 'ECS'),
    desc: l('弹性云服务器实例', 'Elastic Cloud Server instance'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '0.56', monthlyPrice: '288.00', specs: ['s6.large.2.linux', 's6.xlarge.2.linux', 'c7.2xlarge.2.linux', 'm7.xlarge.8.linux'],
  },
  {
    code: 'hws.resource.type.volume', serviceTypeCode: 'hws.service.type.ebs', name: l('云硬盘', 'EVS disk'),
    desc: l('块存储云硬盘', 'Block storage volume'), chargeModes: [1, 3], usageType: 'diskSize',
    unitPrice: '0.00097222', monthlyPrice: '35.00', specs: ['SSD|100', 'SAS|200', 'GPSSD|500'],
  },
  {
    code: 'hws.resource.type.bandwidth', serviceTypeCode: 'hws.service.type.vpc', name: l('带宽', 'Bandwidth'),
    desc: l('公网带宽', 'Public bandwidth'), chargeModes: [1, 3], usageType: 'upflow',
    unitPrice: '0.80', monthlyPrice: '115.00', specs: ['5Mbit/s', '10Mbit/s', '20Mbit/s'],
  },
  {
    code: 'hws.resource.type.ip', serviceTypeCode: 'hws.service.type.vpc', name: l('弹性公网IP', 'EIP'),
    desc: l('弹性公网IP地址', 'Elastic IP address'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '0.02', monthlyPrice: '20.00', specs: ['5_bgp'],
  },
  {
    code: 'hws.resource.type.rds.vm', serviceTypeCode: 'hws.service.type.rds', name: l('数据库实例', 'DB instance'),
    desc: l('关系型数据库实例', 'Relational database instance'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '1.23', monthlyPrice: '610.00', specs: ['rds.mysql.n1.large.2.ha', 'rds.pg.x1.xlarge.4'],
  },
  {
    code: 'hws.resource.type.obs', serviceTypeCode: 'hws.service.type.obs', name: l('对象存储', 'OBS bucket'),
    desc: l('对象存储桶', 'Object storage bucket'), chargeModes: [3], usageType: 'storage',
    unitPrice: '0.00013194', monthlyPrice: '0', specs: ['standard'],
  },
  {
    code: 'hws.resource.type.cdn', serviceTypeCode: 'hws.service.type.cdn', name: l('CDN流量', 'CDN traffic'),
    desc: l('内容分发网络流量', 'CDN downstream traffic'), chargeModes: [3], usageType: 'downflow',
    unitPrice: '0.19', monthlyPrice: '0', specs: ['mainland'],
  },
  {
    code: 'hws.resource.type.elb', serviceTypeCode: 'hws.service.type.elb', name: l('负载均衡器', 'Load balancer'),
    desc: l('共享型负载均衡器', 'Shared load balancer'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '0.10', monthlyPrice: '72.00', specs: ['shared'],
  },
  {
    code: 'hws.resource.type.dcs', serviceTypeCode: 'hws.service.type.dcs', name: l('缓存实例', 'Cache instance'),
    desc: l('Redis缓存实例', 'Redis cache instance'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '0.31', monthlyPrice: '160.00', specs: ['redis.ha.xu1.large.r2.2', 'redis.single.xu1.large.1'],
  },
  {
    code: 'hws.resource.type.cce', serviceTypeCode: 'hws.service.type.cce', name: l('容器集群', 'CCE cluster'),
    desc: l('云容器引擎集群', 'Container cluster'), chargeModes: [1, 3], usageType: 'Duration',
    unitPrice: '0.42', monthlyPrice: '220.00', specs: ['cce.s1.small', 'cce.s2.medium'],
  },
  {
    code: 'hws.resource.type.fgs', serviceTypeCode: 'hws.service.type.functiongraph', name: l('函数', 'Function'),
    desc: l('函数调用', 'Function invocations'), chargeModes: [3], usageType: 'reqNumber',
    unitPrice: '0.00000133', monthlyPrice: '0', specs: ['default'],
  },
  {
    code: 'hws.resource.type.dns.zone', serviceTypeCode: 'hws.service.type.dns', name: l('公网域名', 'Public zone'),
    desc: l('公网解析域名', 'Public DNS zone'), chargeModes: [1], usageType: 'Duration',
    unitPrice: '0', monthlyPrice: '8.00', specs: ['standard'],
  },
  {
    code: 'hws.resource.type.waf', serviceTypeCode: 'hws.service.type.waf', name: l('WAF实例', 'WAF instance'),
    desc: l('云模式WAF', 'Cloud WAF'), chargeModes: [1], usageType: 'Duration',
    unitPrice: '0', monthlyPrice: '3880.00', specs: ['waf.standard', 'waf.professional'],
  },
];

export const MEASURE_UNITS: readonly MeasureUnitDef[] = [
  { id: 1, name: l('元', 'Yuan'), abbreviation: 'Y', measureType: 1 },
  { id: 2, name: l('角', 'Jiao'), abbreviation: 'J', measureType: 1 },
  { id: 3, name: l('分', 'Fen'), abbreviation: 'F', measureType: 1 },
  { id: 4, name: l('小时', 'Hour'), abbreviation: 'h', measureType: 2 },
  { id: 5, name: l('分钟', 'Minute'), abbreviation: 'min', measureType: 2 },
  { id: 6, name: l('秒', 'Second'), abbreviation: 's', measureType: 2 },
  { id: 8, name: l('天', 'Day'), abbreviation: 'd', measureType: 2 },
  { id: 10, name: l('GB', 'GB'), abbreviation: 'G', measureType: 3 },
  { id: 11, name: l('MB', 'MB'), abbreviation: 'M', measureType: 3 },
  { id: 12, name: l('KB', 'KB'), abbreviation: 'K', measureType: 3 },
  { id: 13, name: l('TB', 'TB'), abbreviation: 'T', measureType: 3 },
  { id: 14, name: l('个', 'Piece'), abbreviation: 'pcs', measureType: 4 },
  { id: 15, name: l('Mbps', 'Mbps'), abbreviation: 'Mbps', measureType: 16 },
  { id: 16, name: l('Kbps', 'Kbps'), abbreviation: 'Kbps', measureType: 16 },
  { id: 17, name: l('GB', 'GB'), abbreviation: 'G', measureType: 7 },
  { id: 18, name: l('TB', 'TB'), abbreviation: 'T', measureType: 7 },
  { id: 19, name: l('MB', 'MB'), abbreviation: 'M', measureType: 7 },
  { id: 20, name: l('次', 'Times'), abbreviation: 'times', measureType: 11 },
  { id: 21, name: l('万次', '10,000 times'), abbreviation: '10k times', measureType: 11 },
  { id: 30, name: l('GB*小时', 'GB-hour'), abbreviation: 'GB*h', measureType: 15 },
];

export const CONVERSIONS: readonly ConversionDef[] = [
  { measureId: 1, refMeasureId: 2, ratio: 10, measureType: 1 },
  { measureId: 1, refMeasureId: 3, ratio: 100, measureType: 1 },
  { measureId: 2, refMeasureId: 3, ratio: 10, measureType: 1 },
  { measureId: 8, refMeasureId: 4, ratio: 24, measureType: 2 },
  { measureId: 4, refMeasureId: 5, ratio: 60, measureType: 2 },
  { measureId: 4, refMeasureId: 6, ratio: 3600, measureType: 2 },
  { measureId: 5, refMeasureId: 6, ratio: 60, measureType: 2 },
  { measureId: 13, refMeasureId: 10, ratio: 1024, measureType: 3 },
  { measureId: 10, refMeasureId: 11, ratio: 1024, measureType: 3 },
  { measureId: 11, refMeasureId: 12, ratio: 1024, measureType: 3 },
  { measureId: 18, refMeasureId: 17, ratio: 1024, measureType: 7 },
  { measureId: 17, refMeasureId: 19, ratio: 1024, measureType: 7 },
  { measureId: 15, refMeasureId: 16, ratio: 1000, measureType: 16 },
  { measureId: 21, refMeasureId: 20, ratio: 10000, measureType: 11 },
];

export const USAGE_TYPES: readonly UsageTypeDef[] = [
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.vm', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'diskSize', resourceTypeCode: 'hws.resource.type.volume', name: l('容量时长', 'Capacity duration'), measureId: 30 },
  { code: 'upflow', resourceTypeCode: 'hws.resource.type.bandwidth', name: l('上行流量', 'Outbound traffic'), measureId: 10 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.ip', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.rds.vm', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'storage', resourceTypeCode: 'hws.resource.type.obs', name: l('存储容量', 'Storage'), measureId: 30 },
  { code: 'upflow', resourceTypeCode: 'hws.resource.type.obs', name: l('公网流出流量', 'Internet outbound traffic'), measureId: 10 },
  { code: 'downflow', resourceTypeCode: 'hws.resource.type.cdn', name: l('下行流量', 'Downstream traffic'), measureId: 10 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.elb', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.dcs', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.cce', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'reqNumber', resourceTypeCode: 'hws.resource.type.fgs', name: l('调用次数', 'Requests'), measureId: 20 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.dns.zone', name: l('时长', 'Duration'), measureId: 4 },
  { code: 'Duration', resourceTypeCode: 'hws.resource.type.waf', name: l('时长', 'Duration'), measureId: 4 },
];

export const REGIONS: readonly RegionDef[] = [
  { code: 'cn-north-4', name: l('华北-北京四', 'CN North-Beijing4') },
  { code: 'cn-east-3', name: l('华东-上海一', 'CN East-Shanghai1') },
  { code: 'cn-south-1', name: l('华南-广州', 'CN South-Guangzhou') },
  { code: 'cn-southwest-2', name: l('西南-贵阳一', 'CN Southwest-Guiyang1') },
  { code: 'ap-southeast-1', name: l('中国-香港', 'CN-Hong Kong') },
];

const byCode = <T extends { code: string }>(items: readonly T[]): ReadonlyMap<string, T> =>
  new Map(items.map((item) => [item.code, item]));

export const SERVICE_TYPE_BY_CODE = byCode(SERVICE_TYPES);
export const RESOURCE_TYPE_BY_CODE = byCode(RESOURCE_TYPES);
export const REGION_BY_CODE = byCode(REGIONS);
export const MEASURE_UNIT_BY_ID: ReadonlyMap<number, MeasureUnitDef> = new Map(MEASURE_UNITS.map((u) => [u.id, u]));

export function usageTypeOf(resourceType: ResourceTypeDef): UsageTypeDef {
  const usage = USAGE_TYPES.find((u) => u.resourceTypeCode === resourceType.code && u.code === resourceType.usageType);
  if (!usage) throw new Error(`no usage type ${resourceType.usageType} for ${resourceType.code}`);
  return usage;
}
