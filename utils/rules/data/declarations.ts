/** 创作者声明 live in the platform vocabulary. */
export { DECLARATIONS } from '../../platform/declarations.ts';
