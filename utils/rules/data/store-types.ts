/** Tmall store types live in the platform vocabulary. */
export { STORE_TYPES, type StoreDerivation, type StoreType } from '../../platform/store-types.ts';
