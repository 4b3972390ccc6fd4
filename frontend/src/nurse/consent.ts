// The consent wording a woman agrees to at registration, by version, as the
// server knows it (lab.ConsentTexts): the version is sent with her consent
// and must be one the server has. A new wording comes with a new version
// there first.
export const consentVersion = 'v1'
export const consentText =
  '本人同意计生服务站为免费优生检测之目的收集和处理本人的身份、联系及健康检测信息，信息仅用于检测、结果告知和随访，并依法保护。'
