/** Placeholder until the CLI lands (issue 7). */
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
