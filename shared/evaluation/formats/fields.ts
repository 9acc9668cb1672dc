/** Field shapes the foreign formats share: ids, question texts, responses. */
import { z } from "zod";
import { MAX_RESPONSE_CHARS } from "../../contracts/grading.ts";

/** A problem id as harnesses write it; an empty one names nothing. */
export const ProblemIdSchema = z
  .union([z.string(), z.number().int().min(0)])
  .transform((id) => (id === "" ? undefined : String(id)));

const ChatMessageSchema = z.object({ role: z.string().optional(), content: z.string() });

/** A prompt as a string or as chat messages, whose last one holds the question. */
export const PromptTextSchema = z.union([
  z.string(),
  z
    .array(ChatMessageSchema)
    .min(1)
    .transform((messages) => messages[messages.length - 1]!.content),
]);

/**
 * One response: a string; an object with `text` (vLLM's CompletionOutput, an OpenAI completion
 * choice); a chat message; an OpenAI chat choice (`message.content`); or a conversation, whose last
 * assistant message is the response.
 */
export const ResponseTextSchema = z
  .union(
    [
      z.string(),
      z.object({ text: z.string() }).transform((o) => o.text),
      z.object({ message: ChatMessageSchema }).transform((o) => o.message.content),
      ChatMessageSchema.transform((m) => m.content),
      z
        .array(ChatMessageSchema)
        .min(1)
        .transform(
          (messages) => (messages.findLast((m) => m.role === "assistant") ?? messages.at(-1)!).content,
        ),
    ],
    {
      error: "expected a response: a string, {text}, a chat message, {message: {content}} or a conversation",
    },
  )
  .pipe(z.string().max(MAX_RESPONSE_CHARS));

export const ResponseListSchema = z.array(ResponseTextSchema).min(1, "holds no responses");
