/** Training's call site for backend selection, which `learner/backends/` owns. */
export {
  BACKEND_CHOICES as BACKEND_NAMES,
  type BackendChoice as BackendName,
  selectBackend,
} from "../backends/select.ts";
