/**
 * What the catalogue sells for a (resource type, spec): the product id, spec code and description, and
 * the size of linear products (disk GB, bandwidth Mbit/s). Order line items and resource listings of the
 * same product carry the same values, so the gateway can join them.
 */
import { Random } from '../random.js';
import type { ResourceTypeDef } from '../reference.js';
import { flat } from './time.js';

export interface ProductInfo {
  readonly productId: string;
  /** `resource_spec_code`: VM flavours keep their `.linux` suffix, disks their volume type. */
  readonly specCode: string;
  /** `product_spec_desc`, in the shape Huawei shows (`通用计算型|s6.large.2|2vCPUs|4GB|linux`). */
  readonly specDesc: string;
  /** Size of a linear product as exact decimal text, or null. */
  readonly specSize: string | null;
  /** Unit of `specSize` (MEASURE_UNITS: 17 GB capacity, 15 Mbps). */
  readonly specSizeMeasureId: number | null;
  /**
   * `category_code`: the reference names the field ("product catalogue code") without an example, so the
   * service abbreviation under an `hws.category.` prefix stands in.
   */
  readonly categoryCode: string;
}

const FLAVOR_FAMILY: Readonly<Record<string, string>> = { s: '通用计算型', c: '通用计算增强型', m: '内存优化型' };
const FLAVOR_VCPUS: Readonly<Record<string, number>> = { large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16 };

function describe(type: ResourceTypeDef, spec: string): Pick<ProductInfo, 'specCode' | 'specDesc' | 'specSize' | 'specSizeMeasureId'> {
  switch (type.code) {
    case 'hws.resource.type.vm': {
      // s6.large.2.linux: family+generation, size, memory per vCPU, OS.
      const [family = '', size = '', ratio = '1', os = 'linux'] = spec.split('.');
      const vcpus = FLAVOR_VCPUS[size] ?? 2;
      const flavor = `${family}.${size}.${ratio}`;
      const name = FLAVOR_FAMILY[family.charAt(0)] ?? '通用型';
      return { specCode: spec, specDesc: `${name}|${flavor}|${vcpus}vCPUs|${vcpus * Number(ratio)}GB|${os}`, specSize: null, specSizeMeasureId: null };
    }
    case 'hws.resource.type.volume': {
      const [volumeType = 'SSD', size = '40'] = spec.split('|');
      return { specCode: volumeType, specDesc: `云硬盘_${volumeType}|${size}.0GB`, specSize: size, specSizeMeasureId: 17 };
    }
    case 'hws.resource.type.bandwidth': {
      const size = spec.replace(/Mbit\/s$/, '');
      return { specCode: '19_bgp', specDesc: `全动态BGP带宽|${size}Mbit/s`, specSize: size, specSizeMeasureId: 15 };
    }
    default:
      return { specCode: spec, specDesc: `${type.name.zh_CN}|${spec}`, specSize: null, specSizeMeasureId: null };
  }
}

const cache = new Map<string, ProductInfo>();

/**
 * The product for a resource type and spec. Products are catalogue entries shared by every customer, so
 * they depend on the seed and the product key only.
 */
export function productOf(seed: number, type: ResourceTypeDef, spec: string, chargeMode: 1 | 3): ProductInfo {
  const key = `${seed}:${type.code}:${spec}:${chargeMode}`;
  let product = cache.get(key);
  if (!product) {
    const r = Random.derive(seed, `product:${type.code}:${spec}:${chargeMode}`);
    const service = type.serviceTypeCode.split('.').pop() ?? 'cloud';
    product = { productId: flat(`OFFI${r.digits(18)}`), ...describe(type, spec), categoryCode: `hws.category.${service}` };
    cache.set(key, product);
  }
  return product;
}
