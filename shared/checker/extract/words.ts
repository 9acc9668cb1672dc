/**
 * The closed word lists the extractor reads prose with. Kept in one place so that the policy ("only
 * these words may be set aside; any other word is part of the answer") can be read in one screen.
 */

/**
 * Words of doubt: beside an answer they take it back or offer another ("maybe 55", "a common mistake
 * gives 55", "I wonder whether 5 is right"); "could"/"might" in a relative clause ("the most points
 * that could be in the domain") are not. English, then other languages models answer in.
 */
export const UNCERTAIN =
  /\b(?:alternatively|alternative|maybe|perhaps|possibly|probably|likely|(?<!\b(?:that|which|who)\s)(?:might|could)|otherwise|another|also|mistakes?|mistaken|wrong|incorrect|instead|guess|guessing|unsure|uncertain|not sure|not certain|wonder|whether|else|some(?:one|body)? (?:might|may|would|could)|some sources|peut-être|pas sûr|quizás|quizá|tal vez|vielleicht)\b|возможно|может быть|也可能|可能|または|もしくは|あるいは|ربما|शायद/i;

/** The narrower doubt that disowns even a boxed or announced answer in its own sentence ("maybe \boxed{5}"). */
export const DOUBT =
  /\b(?:maybe|perhaps|possibly|probably|guess|guessing|unsure|uncertain|not sure|not certain|wonder|whether|peut-être|pas sûr|quizás|quizá|tal vez|vielleicht)\b|возможно|может быть|не уверен|не знаю точно|也许|可能|不确定|ربما|لست متأكد|शायद|पक्का नहीं|[?？]|\b(?:pas (?:sûr|certain)|no estoy segur[oa]|nicht sicher|non sono sicur[oa])/i;

/** "Or" between values: in a sentence it lists answers ("x = 2 or x = 3"), beside a final answer it offers another. */
const OR = /\b(?:or|either|ou|oder)\b|или|либо|或者?/i;

/**
 * Words that restate the value just given in another form ("$\frac34$, i.e., 75%", "$\frac34$ (or 75%)",
 * "12, that is, a dozen"): the restated value must equal the answer, else the response states two answers.
 */
export const RESTATEMENT =
  /(?:\(\s*(?:or\b|i\.\s?e\.?|that is|in other words|equivalently)|,\s*(?:i\.\s?e\.?|that is|namely|or equivalently|equivalently|in other words|which (?:is|equals))|(?<=\s)i\.\s?e\.)(?![a-zA-Z])\s*,?/i;

/** Any hedge: doubt, or another value offered. */
export const HEDGE = new RegExp(`${UNCERTAIN.source}|${OR.source}`, "i");

/** Words that carry a derivation forward: a box before them is an intermediate result, not a final answer. */
export const DERIVATION =
  /\b(?:so|thus|hence|therefore|then|now|next|substitut\w*|plug\w*|using|since|because|gives|we get|which means|implies|means|from|into|step)\b|=|\\implies|\\Rightarrow|\\therefore|⇒|→|所以|因此|于是|代入|donc|daher|поэтому|значит|لذلك|इसलिए/i;

/** Words that announce an answer in a tail after the final box ("the answer is …", "result: …"). */
export const ANSWER_WORD =
  /\b(?:answers?|results?|solutions?)\b|答案|答え|정답|الإجابة|الجواب|उत्तर|réponse|respuesta|resposta|risposta|antwort|ответ/i;

/** A response that declines to answer: a number inside it is not a committed answer. */
export const REFUSAL =
  /\b(?:can ?not|can't|cannot|could not|couldn't|unable|don't know|do not know|not possible to (?:determine|solve|compute)|impossible to (?:determine|solve|compute|tell)|no way to (?:know|tell|determine)|sorry|not enough information|insufficient information|i'm not sure|i am not sure|unclear|give up|gave up|rather not|need more time|let me (?:reconsider|think|check|try again|re-?examine)|not (?:yet )?(?:solved|determined)|did not (?:solve|finish|find)|didn't (?:solve|finish|find)|no idea|ne sais pas|ne peux pas|no sé|no puedo|no lo sé|weiß nicht|kann nicht|keine ahnung)\b|不知道|无法确定|不确定|わかりません|分かりません|не знаю|не могу|لا أعرف|لا أستطيع|पता नहीं/i;

/**
 * Words that change the value they stand beside, so a number with one of them is not that number
 * ("5 thousand", "5 squared", "about 5", "at least 5"). Never set aside, in any language.
 */
export const VALUE_WORDS = new Set(
  (
    "thousand thousands million millions billion billions trillion hundred hundreds dozen dozens half halves " +
    "quarter quarters third thirds squared cubed square cube root roots power powers plus minus times over " +
    "divided less more than least most approximately approx about around roughly nearly almost circa " +
    "above below under not no none between within up to and or either neither nor isn't wrong incorrect " +
    "false true maybe perhaps possibly probably negative positive percent percents inverse reciprocal " +
    "double twice triple factorial mod modulo but except anything everything any all-but " +
    "mindestens höchstens ungefähr etwa knapp moins environ presque menos máximo mínimo aproximadamente " +
    "alrededor casi almeno quasi"
  ).split(" "),
);

/** Function words of a sentence that states an answer; they never change its value. */
export const FILLERS = new Set(
  (
    "the a an of in is are was be it its this that which we our final answer answers value values " +
    "actually really indeed clearly simply just all that's thus hence then so " +
    "result total totals altogether overall in all there for to will would equal equals equal to get gets " +
    "got find found number numbers amount has have had she he they you i so thus therefore hence " +
    "ago later old tall long wide high deep away apart " +
    "le la les est sont de des un une el es son los las der die das ist sind ein eine"
  ).split(" "),
);

/**
 * Things counted in word problems ("12 apples", "5 students"): in a sentence they name what the number
 * counts, like a unit, and never change it. A closed list; any other word stays part of the answer.
 */
export const COUNTED = new Set(
  (
    "apple apples orange oranges banana bananas cookie cookies cake cakes candy candies book books page pages " +
    "student students people person persons child children kid kids boy boys girl girls man men woman women " +
    "friend friends player players team teams car cars bike bikes ball balls marble marbles egg eggs " +
    "bottle bottles box boxes bag bags cup cups glass glasses card cards coin coins stamp stamps ticket tickets " +
    "toy toys flower flowers tree trees bird birds dog dogs cat cats fish chicken chickens cow cows animal animals " +
    "pencil pencils pen pens sticker stickers shirt shirts sock socks shoe shoes game games point points " +
    "question questions problem problems step steps way ways day days week weeks month months " +
    "year years hour hours minute minutes second seconds item items piece pieces slice slices pie pies " +
    "sandwich sandwiches pizza pizzas muffin muffins cupcake cupcakes room rooms house houses seat seats " +
    "row rows table tables chair chairs door doors window windows side sides edge edges vertex vertices " +
    "face faces triangle triangles digit digits letter letters word words integer integers " +
    "solution solutions element elements subset subsets path paths arrangement arrangements " +
    "outcome outcomes combination combinations permutation permutations term terms unit units dollar dollars " +
    "cent cents"
  ).split(" "),
);

/** Text written to the grader rather than the reader: a response that argues for its reward earns none. */
export const INJECTION =
  /\b(?:(?:to|dear|attention|hey|hi),? (?:the )?(?:grader|verifier|checker|evaluator|judge)|(?:grader|verifier|checker|evaluator)s?\s*[:,]|(?:the )?(?:grader|verifier|checker|evaluator) (?:must|should|will|shall|needs? to|has to)|rubric|reference (?:answer|solution) (?:is|says)|expected answer|answer key|the key says|full (?:marks|credit|score)|mark (?:this|it|me|the response|my answer) (?:as )?(?:correct|right)|(?:ignore|disregard) (?:the|all|any|previous|prior|above) (?:instructions|rubric|rules|checks?)|system prompt)\b|\[\/?system\]/i;

/** TeX definitions: a response that redefines commands renders as its macros say, not as it reads. */
export const MACRO_DEFINITION =
  /\\(?:(?:re)?newcommand|providecommand|def|edef|gdef|let|DeclareMathOperator|(?:re)?newenvironment|catcode)(?![a-zA-Z])/;

/**
 * Words that make a stated value a bound or an estimate ("at least 5", "close to 5", "not 5"). LaTeX's
 * `\approx` is not one: the chain it stands in is checked as math.
 */
export const QUALIFIER =
  /\b(?:about|approximately|(?<!\\)approx|around|roughly|nearly|almost|circa|close to|at least|at most|more than|less than|greater than|fewer than|between|within|not|never|isn't|aren't|no more|no less|above|below|over|under|upper bound|lower bound|estimate[ds]?|rejected|fails?|failed|ruled out|unchecked|not checked)\b|至少|至多|大约|约为|左右|以上|以下|不是|примерно|около|не менее|не более|حوالي|تقريبا|लगभग|कम से कम/i;
