export declare const NUMERIC_OID: 1700;
export declare const INT8_OID: 20;
export declare function parseNumeric(text: string): string;
export declare function parseInt8(text: string): number;
export declare const STORE_TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>>;
