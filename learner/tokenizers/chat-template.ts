/**
 * A checkpoint's chat template (Jinja, from `tokenizer_config.json`), rendered with Hugging Face's
 * own JavaScript Jinja engine and the variables transformers' `apply_chat_template` passes: the
 * messages, `add_generation_prompt` and the special tokens by role.
 */
import { Template } from "@huggingface/jinja";
import { z } from "zod";

export const ChatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.output<typeof ChatMessageSchema>;

export interface ChatTemplate {
  render(messages: readonly ChatMessage[], options: { addGenerationPrompt: boolean }): string;
  /** What `add_generation_prompt` appends to a conversation: the opening of the assistant's turn. */
  readonly generationPrompt: string;
  /** The text that follows an assistant message's content: how the template closes its turn. */
  readonly assistantTurnEnd: string;
}

// Plain words, so that no template strips or rewrites them (R1's drops what precedes `</think>`).
const PROBE_QUESTION = "probe question";
const PROBE_ANSWER = "probe answer";

export function compileChatTemplate(source: string, specialTokens: Record<string, string>): ChatTemplate {
  let template: Template;
  try {
    template = new Template(source);
  } catch (error) {
    throw new Error(`the chat template does not parse: ${(error as Error).message}`);
  }
  const render = (messages: readonly ChatMessage[], options: { addGenerationPrompt: boolean }) => {
    try {
      return template.render({
        messages: z.array(ChatMessageSchema).parse(messages),
        add_generation_prompt: options.addGenerationPrompt,
        ...specialTokens,
      });
    } catch (error) {
      throw new Error(`the chat template does not render: ${(error as Error).message}`);
    }
  };
  const question: ChatMessage[] = [{ role: "user", content: PROBE_QUESTION }];
  const bare = render(question, { addGenerationPrompt: false });
  const prompted = render(question, { addGenerationPrompt: true });
  if (!prompted.startsWith(bare)) {
    throw new Error("the chat template's generation prompt changes the conversation before it");
  }
  const answered = render([...question, { role: "assistant", content: PROBE_ANSWER }], {
    addGenerationPrompt: false,
  });
  const answerAt = answered.lastIndexOf(PROBE_ANSWER);
  if (answerAt < 0) throw new Error("the chat template drops the assistant's message");
  return {
    render,
    generationPrompt: prompted.slice(bare.length),
    assistantTurnEnd: answered.slice(answerAt + PROBE_ANSWER.length),
  };
}

/** Whether text leaves a `<think>` block open: the model's reply starts inside it, and must close it. */
export function opensThink(text: string): boolean {
  return text.lastIndexOf("<think>") > text.lastIndexOf("</think>");
}
