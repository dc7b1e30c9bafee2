/** Form snapshots as the content script sends them, for tests of the background's check path. */

/** The 新增矩阵账号 dialog filled in with a 逛逛号 and a phone. */
export function inviteSnapshot(gg: string, phone: string) {
  return {
    title: '新增矩阵账号',
    button: '确定',
    fields: [
      { label: '逛逛号', placeholder: '请输入逛逛号', value: gg },
      { label: '手机号', placeholder: '请输入该逛逛号绑定的手机号', value: phone },
    ],
    checked: [],
    removable: [],
    text: '新增矩阵账号',
  };
}
