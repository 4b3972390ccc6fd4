// Words of this area of the UI, under its own key in i18n.ts. zh first;
// en must have the same keys (the type enforces it).
const zh = {
  title: '',
}
const en: typeof zh = {
  title: '',
}
export default { zh, en }
