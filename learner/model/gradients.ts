/**
 * Registers tfjs-core's gradient functions, without which no op can be differentiated.
 *
 * tfjs-core's Node bundle (`tf-core.node.js`) leaves them out; they exist only as ES modules in
 * `dist/` whose extensionless relative imports Node's ESM resolver rejects. tsx's CommonJS loader
 * resolves and transpiles them. Their registrations land in tfjs's global registry, and their ops run
 * on the global engine, so they serve the bundle every other module imports. Loading takes about 2 s.
 */
import { require as tsxRequire } from "tsx/cjs/api";

tsxRequire("@tensorflow/tfjs-core/dist/register_all_gradients.js", import.meta.url);
