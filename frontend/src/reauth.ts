// The gate every request passes when the server answers 401 (the session
// expired or was ended elsewhere). The sign-in dialog registers itself as
// the prompt; requests that meet a 401 while it is open wait for the same
// answer instead of opening a dialog each, so a screen that loads three
// lists at once asks once. The answer says what the waiting requests do:
//
//   retry  - the same user signed in again: send the request once more
//            (a half-filled form keeps its data, a list loads as usual);
//   reload - someone else signed in, or the user chose to leave: the page
//            is being reloaded, so the request never settles (another
//            user's write must not go out under the new user's name);
//   fail   - nobody was signed in (the start page asking /me): the 401
//            is an ordinary refusal.
export type ReauthOutcome = 'retry' | 'reload' | 'fail'

let prompt: (() => Promise<ReauthOutcome>) | null = null
let pending: Promise<ReauthOutcome> | null = null

// setReauthPrompt installs (or, with null, removes) what asks the user to
// sign in again.
export function setReauthPrompt(p: (() => Promise<ReauthOutcome>) | null) {
  prompt = p
}

// reauthenticate asks once for all concurrent 401s.
export function reauthenticate(): Promise<ReauthOutcome> {
  if (!prompt) return Promise.resolve('fail')
  if (!pending) {
    pending = prompt().catch((): ReauthOutcome => 'fail').finally(() => { pending = null })
  }
  return pending
}
