// ESM entry: the same API as index.js.
import api from "./index.js";

export const lint = api.lint;
export default api;
