export { GradingPool, type GradingPoolOptions, type PoolStats } from "./pool.ts";
