/** The "Share" button: a link to this scenario at this step. (Being built.) */
export function ShareButton() {
  return null;
}
