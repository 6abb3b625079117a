/**
 * The languages Huawei localises names in (`X-Language`). A leaf module: the config, the caches, the loaders
 * and the context all speak of it, and none of them may import another just for this type.
 */
export type Language = 'zh_CN' | 'en_US';
