export { type GradeCallOptions, GradingPool, type GradingPoolOptions, type PoolStats } from "./pool.ts";
