// Kept only for test/modules/articles-sql.test.ts, which is rewritten separately; the helpers live in test/helpers/.
export { getOk, walkCursor } from '../helpers/http.js'
