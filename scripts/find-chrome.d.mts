export declare const HOW_TO_GET_ONE: string;
export declare function findChrome(): string | undefined;
