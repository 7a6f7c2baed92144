/** Block Kit limits a message must respect or Slack rejects it (invalid_blocks); returns the problems found. */
type Json = Record<string, unknown>;

const textOf = (t: unknown): string => String((t as Json | undefined)?.text ?? "");

export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(typeof message.text === "string" && message.text.length > 0, "text fallback missing");
  check(String(message.text ?? "").length <= 40_000, "text fallback too long");
  const blocks = (message.blocks ?? []) as Json[];
  check(Array.isArray(blocks) && blocks.length > 0 && blocks.length <= 50, `block count ${blocks.length}`);
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    switch (block.type) {
      case "header":
        check(textOf(block.text).length <= 150, `header ${i} too long`);
        check((block.text as Json).type === "plain_text", `header ${i} not plain_text`);
        break;
      case "section": {
        const fields = (block.fields ?? []) as Json[];
        check(block.text !== undefined || fields.length > 0, `section ${i} empty`);
        if (block.text !== undefined) check(textOf(block.text).length <= 3000, `section ${i} text too long`);
        check(fields.length <= 10, `section ${i} has ${fields.length} fields`);
        for (const f of fields)
          check(textOf(f).length <= 2000 && textOf(f).length > 0, `section ${i} field size`);
        break;
      }
      case "context": {
        const elements = (block.elements ?? []) as Json[];
        check(elements.length > 0 && elements.length <= 10, `context ${i} element count`);
        for (const e of elements) check(textOf(e).length <= 3000, `context ${i} element too long`);
        break;
      }
      case "actions": {
        const elements = (block.elements ?? []) as Json[];
        check(elements.length > 0 && elements.length <= 25, `actions ${i} element count`);
        for (const e of elements) {
          const id = String(e.action_id);
          check(!actionIds.has(id), `duplicate action_id ${id}`);
          actionIds.add(id);
          check(id.length <= 255, "action_id too long");
          check(
            textOf(e.text).length > 0 && textOf(e.text).length <= 75,
            `button text size ${textOf(e.text).length}`,
          );
          check(String(e.value ?? "").length <= 2000, "button value too long");
        }
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`unexpected block type ${String(block.type)}`);
    }
  }
  return problems;
}
