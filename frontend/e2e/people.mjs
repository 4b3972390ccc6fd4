// What the specs need to register women through the API.

// A valid woman's ID number: region, birth date, a random even-ended
// sequence (even = female), and the ISO 7064 MOD 11-2 check character.
export function womansId(birth) {
  const seq = String(Math.floor(Math.random() * 50) * 2 + 100 * Math.floor(Math.random() * 9 + 1)).padStart(3, '0')
  const first17 = '110101' + birth.replaceAll('-', '') + seq
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[sum % 11]
}
