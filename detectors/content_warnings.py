"""Which content-warning categories a post calls for, and which the author left out.

A lexicon of stems and phrases per category, compiled into one regular
expression. Idioms and other senses that merely share a word ("deadline",
"kill time", "panic attack", "abuse of discretion", "flu shot") are listed as
terms that map to no category: the alternation consumes them before the
looser stem can match. Negation is kept simple on purpose: a cue preceded in
the same clause, within a few words, by "no", "denies", "never", "without",
"negative for", "ruled out" does not count ("denies SI/HI", "no history of
abuse"). "No longer" is not a negation: the topic is still in the post.

Decisions worth knowing:

- "overdose" is substance use; an "intentional overdose" is suicide and self-harm
  instead (issue 20): it is also substance use only when alcohol or a drug of abuse is
  named, by its own cue ("with a bottle of vodka", "on heroin").
- Legal "abuse of discretion/power/process/authority" is not abuse.
- Names of crisis lines ("988 Suicide and Crisis Lifeline", "National Suicide
  Prevention Lifeline") do not call for a warning on their own; any other
  mention of suicide does, including in training announcements, because a
  reader who needs the warning needs it whatever the purpose of the post.
- Sexual abuse is both "abuse" and "sexual_violence"; domestic and intimate
  partner violence are both "abuse" and "violence"; "killed" is "violence"
  and "death_grief".
- "relapse" counts as substance use: in this forum it nearly always is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from detectors.hashed_text import BatchHashes
from detectors.lexicon_scan import WORD_START, LexiconScanner
from detectors.warning_model import load_model

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "WarningMatch",
    "assess",
    "assess_many",
    "lexicon_categories",
    "find_warning_cues",
    "missing_warnings",
    "model_text",
    "warnings_called_for",
]

CATEGORY_LABELS: dict[str, str] = {
    "suicide_self_harm": "Suicide and self-harm",
    "abuse": "Abuse",
    "sexual_violence": "Sexual violence",
    "substance_use": "Substance use",
    "eating_disorders": "Eating disorders",
    "violence": "Violence",
    "death_grief": "Death and grief",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_LABELS)

# The author's explicit "no warnings" declaration (the composer's "None" choice).
NONE_DECLARED = "none"


@dataclass(frozen=True)
class WarningMatch:
    category: str
    start: int
    end: int
    text: str


_SUI = "suicide_self_harm"
_ABU = "abuse"
_SEX = "sexual_violence"
_SUB = "substance_use"
_EAT = "eating_disorders"
_VIO = "violence"
_DTH = "death_grief"

_PRONOUN_OBJ = r"(?:her|him|them|me|you|us|his|their|my)"
_REFLEXIVE = r"(?:herself|himself|themselves|themself|myself|yourself|ourselves)"
_POSSESSIVE = r"(?:my|her|his|their|your|our)"
_RELATIVE = (
    r"(?:mother|father|mom|dad|husband|wife|partner|spouse|son|daughter|child|baby|brother|"
    r"sister|grandmother|grandfather|grandma|grandpa|best friend|friend|fianc[eé]e?|twin|"
    r"boyfriend|girlfriend|parents?|sibling|infant|uncle|aunt|cousin)"
)

# A medicine named by a common word or a generic name's ending (fifth round, for counted and
# whole-bottle self-poisoning).
_MEDICINE = (
    r"(?:pills|tablets|meds|capsules|medications?|medicines?|antidepressants|sleeping "
    r"(?:pills|tablets)|painkillers|acetaminophen|paracetamol|tylenol|ibuprofen|aspirin|"
    r"lithium|insulin|codeine|morphine|tramadol|\w+(?:pine|tine|line|zine|done|pam|lam|"
    r"clone|codone|phen|fen|prazole|olol|idem|azine|xetine|triptyline))\b"
)

# Order matters only among terms that can start at the same position: the
# exclusions and the longer phrases come first. _ABBREVIATIONS holds the
# abbreviations that only mean the clinical thing in capitals.
_TERMS: list[tuple[str, tuple[str, ...]]] = [
    # Injecting, before "shooting" (violence) can take the word: "shooting up in the car
    # before his shift" (stop 38). Gunfire at a home is a violence entry further on.
    (
        r"(?:shooting|shoots|shoot) up (?:heroin|dope|meth|fentanyl|again|daily|every|before|"
        r"in (?:the|his|her|their|a) (?:car|truck|bathroom|stairwell|park))",
        (_SUB,),
    ),
    # --- ninth round (2026-12-07, stop 36): classes of the retired 2026-12-07n and -07o
    # writers' misses and false calls. Figurative first: a task or a day that "murdered me",
    # "would have killed for", a team "massacred" on a weekday, a talk that "knocked me out",
    # a device that keeps dying.
    (
        r"(?:deadline|week|day|shift|meeting|session|workload|commute|exam|grant|paperwork|"
        r"documentation|inbox|caseload|schedule|audit|report|that|this) (?:absolutely |totally |"
        r"just |kind of |honestly |really )?(?:murdered|killed|destroyed|slaughtered|massacred|"
        r"butchered) (?:me|us)\b|"
        r"would (?:have )?(?:kill|killed|die|died) for\b|"
        r"(?:got|get|were|was|are|is being) (?:absolutely |totally |just |completely )?"
        r"(?:massacred|slaughtered|murdered|destroyed|crushed|butchered) (?:on |last |this |"
        r"again )?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|night|weekend|in "
        r"the (?:game|playoffs|finals|semis|standings|polls))|"
        r"(?:session|talk|presentation|book|workshop|lecture|training|keynote|film|movie|show|"
        r"performance|supervision|consult|article|paper|podcast) (?:really |totally |just )?"
        r"knocked (?:me|us) out|"
        r"(?:wi-?fi|internet|connection|battery|laptop|phone|printer|computer|zoom|server|router|"
        r"headset|webcam|plants?|tablet|charger|hotspot) (?:keeps |kept |is |was |just )?"
        r"(?:dying|died|dead|dies)\b",
        (),
    ),
    # A drinker's or user's harm named by when it happens ("gets mean when he drinks",
    # "fistfights when he's using"); drinking all day; a morning drink to steady the hands; a
    # bottle a day; fentanyl's adulterant; pills handed to children.
    (
        r"(?:mean|violent|angry|aggressive|nasty|scary|abusive|belligerent|reckless|fights?|"
        r"fistfights?|blackouts?|blacks out|passes out) (?:when|whenever|every time) (?:he|she|"
        r"they|he's|she's|they're|he is|she is|they are|dad|mom) (?:drinks|drinking|drunk|using|"
        r"high|loaded|wasted|hammered|tanked)\b|"
        r"drinking (?:\w+ )?(?:wine|beer|vodka|whiskey|whisky|liquor|tequila|rum|gin|seltzers?|"
        r"tallboys|booze) (?:all day|all night|every (?:day|night|morning)|daily|nightly|around "
        r"the clock|from morning|before noon|alone|to (?:cope|sleep|forget|numb|keep))|"
        r"eye[- ]openers?\b|a fifth (?:a day|by bedtime|every day|of (?:vodka|whiskey|whisky|"
        r"gin|rum|tequila|liquor))|xylazine|\btranq\b|"
        r"gives? (?:the )?(?:\w+ )?(?:kids|teens|teenagers|children|boys|girls) (?:pills|weed|"
        r"alcohol|vodka|beer|edibles|xanax|percs)",
        (_SUB,),
    ),
    # Leaving said without the word: not planning to be around, a farewell letter, "I'm
    # done, thanks for everything", wanting to join the dead, a gun used on oneself.
    (
        r"(?:does not|doesn't|doesn’t|don't|don’t|do not|isn't|is not|not) (?:plan|planning|"
        r"expect|expecting|intend|intending|going) (?:on |to )(?:be |being )?(?:around|here) "
        r"(?:for|much|by|next|to see|another|at)|"
        r"(?:farewell|goodbye|good-bye) (?:letters?|notes?|messages?|texts?|videos?|emails?)|"
        r"i'?m done,? thanks? (?:you )?for everything|"
        r"(?:since|after|when) (?:her|his|their|my|the) (?:\w+ ){0,2}(?:passed|died|death)\b"
        r"[^.!?]{0,60}\b(?:wanting|wants|want|"
        r"wanted|longs?|longing|talks about|talking about|talked about) (?:to )?join (?:him|her|"
        r"them)\b|"
        r"(?:using|use|used|turn|turning|turned) (?:it|the gun|a gun|the pistol|the rifle|"
        r"that gun|his gun|her gun) on (?:himself|herself|themselves|themself|myself)",
        (_SUI,),
    ),
    # Gunfire at a home, an execution witnessed.
    (
        r"(?:house|home|car|apartment|block|building|porch|window)s? (?:was|got|were|been|"
        r"getting) shot (?:up|at|into)|drive-?by (?:shooting)?|"
        r"(?:watched|saw|witnessed) (?:[\w-]+ ){0,3}(?:be |being |get |getting )?executed",
        (_VIO,),
    ),
    # A carer's control of a child's weight; forced labour.
    (
        r"(?:mother|mom|father|dad|parents?|stepmom|stepdad|stepmother|stepfather|grandmother|"
        r"grandma) (?:put|puts|putting|forced|forces|forcing|made|makes|making) (?:her|him|them) "
        r"(?:on (?:a )?diets? (?:at|since|from|starting)|(?:to )?weigh in (?:every|each|daily|"
        r"nightly|before)|(?:to )?(?:diet|fast|skip meals) (?:at|since|from|starting|as a))|"
        r"(?:wages|pay|paychecks?) (?:were |was |being )?withheld|forced (?:labou?r|to work "
        r"(?:\d+|long|unpaid|without))|(?:papers|passports?|documents|ids) (?:were |was )?"
        r"(?:confiscated|taken away|held) by (?:the )?(?:contractor|employer|boss|recruiter|"
        r"smuggler|trafficker)",
        (_ABU,),
    ),
    # What armed men or smugglers "did to" women, or "took as payment": sexual violence.
    (
        r"what (?:the |those |some )?(?:\w+ )?(?:soldiers|men|guards|smugglers|coyotes|militia|"
        r"police|captors|traffickers|gang|guys) (?:did|had done|do) to (?:her|him|them|the women|"
        r"the girls)\b|took as (?:payment|a toll)|(?:'|‘)took as payment",
        (_SEX,),
    ),
    # --- eighth round (2026-12-07, stop 32): classes of the retired 2026-12-07f set -------
    # A medicine swallowed by the handful or the bottle, whoever's it was ("washed down a
    # handful of his mother's clonazepam"); a medicine kept back for later ("saving up his
    # oxycodone", "stockpiling her Seroquel"); a blade taken to the body; wishing not to
    # exist.
    (
        r"(?:washed down|washing down|swallowed|downed|gulped|took) (?:a handful|handfuls|"
        r"a fistful|a palmful|a bottle|the bottle|a whole bottle|the whole bottle|a blister pack|"
        r"a week's worth|a month's worth)(?: of)? (?:her |his |their |my |the )?"
        r"(?:\w+(?:'s|’s) )?(?:\w+ )?"
        + _MEDICINE
        + r"|(?:sav(?:e|es|ed|ing) up|stockpil\w*|hoard\w*|stash\w*|squirrel\w* away|"
        r"(?:holding|held|keeping|kept) back) (?:all )?(?:of )?(?:her|his|their|my) (?:\w+ )?"
        + _MEDICINE
        + r"|took (?:a|the) (?:razor|blade|knife|box cutter|pair of scissors) to "
        r"(?:her|his|their|my) (?:own )?(?:chest|arms?|wrists?|thighs?|legs?|stomach|skin|face|"
        r"body)|"
        r"(?:just |simply )?(?:stop|stopped|cease|ceased) (?:existing|to exist)\b",
        (_SUI,),
    ),
    # Signs of an infant's or child's abuse and restraint by a carer.
    (
        r"(?:bruis\w*|fractures?|injur\w*|burns?) (?:in|at) (?:various|different|multiple|varying) "
        r"stages of healing|"
        r"torn frenulum|"
        r"(?:hand|pillow|blanket|cloth) over (?:the |her |his |their )?(?:baby|infant|newborn|"
        r"toddler|child|kid)(?:'s|’s)? (?:mouth|face|nose)|"
        r"lock(?:s|ed|ing)? (?:the |her |his |their )?(?:[\w-]+ ){0,3}(?:kids?|child|children|son|"
        r"daughter|boy|girl|toddler|teen|\d+-year-old) in (?:a|the|his|her|their) (?:closet|room|"
        r"basement|bathroom|cage|shed|car|crate)|"
        r"(?:burns?|burn marks|scalds?|scald marks) (?:on|to|across) (?:her|his|their) "
        r"(?:\w+ )?from (?:her|his|their) "
        r"(?:mother|father|mom|dad|stepdad|stepmom|stepfather|stepmother|parent|grandmother|"
        r"grandma|caregiver|foster \w+)(?:'s|’s)",
        (_ABU,),
    ),
    # Assault of a worker, a bystander or a family member, named by the act and the injury.
    (
        r"(?:shoved|pushed|slammed|threw|kicked|bit|punched|headbutted) "
        r"(?:a|an|the|his|her|their|one of the|another) (?:\w+ )?(?:nurse|staff|staffer|aide|"
        r"teacher|officer|guard|worker|tech|"
        r"peer|resident|patient|student|classmate|client|member)s?\b|"
        r"broke (?:two of |one of |several of )?(?:his|her|their|my|another man's|a man's|"
        r"someone's) (?:\w+ )?(?:fingers?|arm|jaw|nose|ribs?|legs?|wrist|hand|cheekbone|"
        r"eye socket|orbital)|"
        r"fractur\w* (?:his|her|their|my) (?:\w+ )?(?:cheekbone|jaw|skull|orbit|eye socket|ribs?|"
        r"arm|wrist|nose|cheek)",
        (_VIO,),
    ),
    # Eating what is not food (pica), an eating disorder's sign.
    (
        r"\bpica\b|(?:eats|eating|ate|craves|craving) (?:\w+ )?(?:laundry starch|cornstarch by|"
        r"clay|dirt|chalk|drywall|paper|ice by the|ice chips by the)",
        (_EAT,),
    ),
    # Being made to undress by an adult in charge.
    (
        r"made (?:him|her|them|me) (?:take off|remove|pull down|strip off) (?:his|her|their|my) "
        r"(?:pants|clothes|shirt|underwear|shorts|top)",
        (_SEX,),
    ),
    # Before the figurative senses below, which share their first words ("shot my whole
    # week", "kill the mood"): using a whole supply at once, a drug to kill an appetite.
    (r"shot up [\w ]{0,40}? on purpose", (_SUB, _SUI)),
    (
        r"(?:got |was |been )?punched (?:him |her |them |me )?in the (?:face|head|jaw|stomach)",
        (_VIO,),
    ),
    (
        r"genital (?:injur\w*|trauma|bruising|tearing)|"
        r"(?:sex[- ])?trafficked (?:for sex )?as an? (?:teen\w*|child|minor|kid|girl|boy)",
        (_ABU, _SEX),
    ),
    (
        r"(?:he|she|they|husband|wife|boyfriend|girlfriend|partner|ex|father|dad|stepdad) "
        r"(?:held|put|pressed|pointed) a (?:gun|pistol|knife) to (?:her|his|their|my) "
        r"(?:head|throat|temple)",
        (_ABU, _VIO),
    ),
    (
        r"(?:shot|used|took|snorted|injected) (?:his|her|their|my) (?:whole|entire) "
        r"(?:\w+'s |\w+’s )?(?:supply|stash)",
        (_SUB, _SUI),
    ),
    (r"(?:kill|suppress|curb)(?:s|ing|ed)? (?:her|his|their|my|the) appetite", (_EAT,)),
    # --- senses that share a word with a cue, and mean nothing here --------
    (
        r"dead ?lines?|dead[- ](?:tired|serious|wrong|set|end|ends|zone|giveaway|on|weight|heat|"
        r"battery|link|links|air|slow|quiet|silent|last|cent(?:er|re)|even|easy|simple|ahead|"
        r"asleep|"
        r"broke|beat|stop|right|straight)|drop[- ]dead(?: gorgeous)?",
        (),
    ),
    (
        r"kill(?:ing|s|ed)? (?:time|the (?:mood|vibe|lights|engine|process)|it|two birds)|"
        r"killing (?:me|us) (?:with|softly)|killer (?:app|deal|feature|workout)|painkillers?",
        (),
    ),
    # Figurative violence and death words (issue 20): a proposal "shot down", a presenter
    # who "killed it", a committee that "killed our claim", a battery that "died".
    (
        r"kill(?:ed|s|ing)? (?:it|some time|an hour|the (?:\w+ )?(?:group|claim|proposal|idea|"
        r"bill|budget|program|programme|project|plan|motion|deal|initiative|policy|meeting|"
        r"momentum|buzz|conversation|app|appeal)s?|(?:our|my|their|your|his|her|any|a) "
        r"(?:\w+ )?(?:claim|proposal|idea|bill|budget|program|programme|project|plan|motion|deal|"
        r"initiative|policy|momentum|chances|appeal|productivity|evenings?|weekends?)s?)|"
        r"(?:was|were|got|get|gets|getting|been|be) shot (?:down|up)|shot (?:down|up|through)|"
        r"(?:a|another|one|my|best|first|fair|good|real|wild|long) shot (?:at|in)\b|"
        r"give (?:it|this|that) a shot|shoot(?:ing)? range of|"
        r"beat(?:s|ing|en)? (?:me|us|you|him|her|them) (?:down|at|to)\b|"
        r"attack(?:ed|ing|s)? (?:my|our|your|their|the|this) (?:inbox|backlog|waitlist|to-?do|"
        r"list|notes|paperwork|charting|day|week|pile)|"
        r"(?:battery|laptop|phone|printer|computer|server|ehr|system|engine|proposal|idea|bill|"
        r"air con(?:ditioning)?|air conditioner|fan|heater|boiler|fridge|kettle|charger|router|"
        r"plan|project|program|programme|motion|wifi|internet|app|software|group|policy|car|"
        r"initiative|conversation|podcast|show)(?: (?:in|on|of|at) (?:the|my|our|her|his|their) "
        r"[\w-]+(?: [\w-]+)?)? (?:(?:finally|just|suddenly|completely|again|totally|basically) )?"
        r"(?:died|dies|is dead|was dead|went dead)|(?:dying|died|dies|die) down|"
        r"dead (?:ringer|brain|on arrival|in committee)|"
        r"griev\w* (?:the (?:end|loss|closure|cancellation) of )?(?:my|our|the|a) "
        r"(?:favou?rite |old )?(?:view|podcast|show|series|vacation|summer|weekend|office|"
        r"parking spot|coffee machine)|(?:the )?death of my (?:evenings|weekends|social life|"
        r"free time|sanity|inbox)|took a (?:\w+ )?turn",
        (),
    ),
    (
        r"suicide squad|suicide (?:and|&) crisis lifeline|"
        r"(?:national )?suicide prevention lifeline|"
        r"suicide hotline number",
        (),
    ),
    (
        r"(?:panic|heart|anxiety|asthma|migraine) attacks?|attack(?:ed|ing|s)? (?:the|this|that) "
        r"(?:problem|question|issue|task)",
        (),
    ),
    (r"abuse of (?:discretion|power|process|authority|the system)", ()),
    (
        r"(?:flu|covid|booster|b12|allergy|cortisone|botox|vaccine|insulin) shots?|"
        r"shot (?:glass|clock|caller)|(?:digital|social media|juice|dopamine) detox|"
        r"shoot(?:ing)? for|"
        r"shot (?:glass|clock|caller)|(?:long|big|screen|mug) ?shots?|(?:shoot|shoots|shooting|"
        r"shot) (?:me|us|you|him|her|them) an? "
        r"(?:quick )?(?:email|message|note|dm|text|line)|shoot for|photo ?shoots?|"
        r"trouble ?shoot\w*",
        (),
    ),
    (
        r"dead in the water|(?:almost |nearly )?died (?:laughing|of (?:embarrassment|laughter|"
        r"boredom))|beat (?:his|her|their|my|your) (?:personal best|record|time|score)|"
        r"(?:is|are|was|were) killing me|killing (?:our|the|my|their|your) (?:claims?|budget|"
        r"momentum|"
        r"vibe|mood|productivity|schedule)|(?:the|be the) death of (?:me|us)|"
        r"griev\w* the loss of (?:a|her|his|their|my|our|the) "
        r"(?:old |former )?(?:job|career|role|house|home|team|office|position|routine)|"
        r"passed (?:the|her|his|their|my|a|an) (?:bar|exam|test|boards?|bill|class|course|"
        r"licensing|law|motion|vote|inspection|audit)|"
        r"beat (?:me|you|us|them|him|her) to (?:it|the punch)|stick(?:ing)? to (?:my|your|our|"
        r"their) "
        r"guns|big guns|top gun|violently agree\w*|rubbing alcohol|alcohol(?:-based)? "
        r"(?:wipes?|swabs?|pads?|sanitizer)|good grief|give (?:me|her|him|them|us) grief|"
        r"(?:take|took|taking|takes) a stab|punch(?:ed|ing)? (?:in|out)\b|dying (?:laughing|"
        r"of laughter)|"
        r"neglect(?:ed|s)? to\b|grievances?|non-?violent\w*|assault on (?:the|our) (?:profession|"
        r"field|"
        r"rights|license|licensure)|high school|beat (?:the|my|our|their) (?:record|odds|deadline|"
        r"traffic|rush)|purge (?:the|old|my) (?:files|records|inbox)",
        (),
    ),
    (
        r"death by (?:a thousand cuts|powerpoint|paperwork)|sudden death overtime|dying to "
        r"(?:know|see|try|hear|read|meet|tell|show|share|ask|talk|get|go|start|find|learn|visit|"
        r"chat|catch|check|join|attend|use|hire|sign)|bored to death|scared to death|to die for",
        (),
    ),
    # Fourth round (2026-12-06): more figurative senses and administrative mentions that
    # name a topic without describing anyone's experience of it (issue 20's convention:
    # billing codes, programme and policy mentions need no warning).
    (
        r"murder on (?:a |an |the |my |our |your |their |his |her )?(?:[\w'-]+ ){0,2}(?:budget|"
        r"backs?|"
        r"knees?|feet|schedule|sleep|wallet|finances|caseload|nerves|hands|eyes|productivity|"
        r"morale)|"
        r"(?:suggestion|idea|proposal|bill|motion|plan|budget|project|initiative|policy|claim|"
        r"appeal|"
        r"amendment|request|pitch)s? (?:[\w'-]+ ){0,4}?(?:was|got|were|has been|had been|have "
        r"been) "
        r"(?:murdered|killed|executed|slaughtered|butchered|strangled|stabbed) (?:by|in|at) (?:the "
        r")?"
        r"(?:committee|board|meeting|council|budget|review|vote|senate|house|finance|management)|"
        r"stab in the back|back-?stab\w*|dead and buried|(?:a|like a|real) punch in the (?:gut|"
        r"stomach)|"
        r"murdered (?:my|our|the|your) (?:\w+ )?(?:monday|tuesday|wednesday|thursday|friday|"
        r"weekend|"
        r"week|day|morning|afternoon|evening|schedule|calendar|plans|motivation|productivity)|"
        r"(?:murder|kill|strangle|throttle|shoot|stab|punch|smash|drown) (?:this|that|the|my|our) "
        r"(?:stupid |damn |darn |blasted |office |new |old |whole )?(?:printer|copier|fax|scanner|"
        r"laptop|computer|pile|stack|inbox|backlog|paperwork|notes|spreadsheet|ehr|software|"
        r"system|portal|website|app|forms?|router|wifi|alarm|to-?do list)|"
        r"(?:inbox|email|emails|calendar|schedule|desk|waitlist|caseload|backlog|week|monday|"
        r"kitchen|office|voicemail|notes) (?:is|was|looks like|looked like) (?:an? )?(?:absolute |"
        r"total |complete |real |utter )?(?:massacre|bloodbath|war ?zone|crime scene|murder scene)|"
        r"(?:absolutely|totally|seriously|really) killed(?: it)?(?= *[.!;]|$)|"
        r"(?:absolutely|totally|completely) (?:killed|murdered|slayed|smashed|nailed) (?:it|the|"
        r"her|"
        r"his|their|my|our|that|this)|"
        r"(?:is|are|was|were|be|'s) (?:absolute |pure |sheer |just )?murder on\b|"
        r"(?:don't|do not|dont) shoot the messenger|shooting (?:script|schedule|location|day)|"
        r"shoot(?:ing)? off (?:a|an) (?:quick |short )?(?:email|message|note|reply|text)|"
        r"(?:absolute|secret|total) weapon|"
        r"(?:meeting|exam|test|quiz|audit|review|interview|game|match|round|election|vote) (?:was|"
        r"is) (?:an? )?(?:absolute |total |complete |real |utter )?(?:massacre|bloodbath)|"
        r"(?:full|full-on|frontal|all-out) assault on (?:the|our|my|a|this)\b|"
        r"(?:violence|violence-prevention|anti-violence)[- ](?:prevention )?(?:curriculum|"
        r"curricula|"
        r"program|programme|grant|training|policy|research|literature)|epidemiology of (?:[\w-]+ )?"
        r"violence|"
        r"slow death|death trap|died a (?:natural|quiet|slow|painful|swift) death|"
        r"dying for (?:a|an|the|some|my)\b|"
        r"(?:battery|phone|laptop|plant|plants|houseplants?|succulents?|garden) (?:is|was|'s) "
        r"(?:dying|dead)|"
        r"griev\w* (?:the )?(?:end|loss|closure) of (?:his|her|their|my|our|the|a) (?:\w+ )?"
        r"(?:career|job|marriage|role|practice|clinic|team|office|friendship|business|routine)|"
        r"mourn\w* the (?:closure|end|loss|cancellation) of (?:our|my|the|their|his|her) "
        r"(?:favou?rite |old |local )?(?:café|cafe|restaurant|shop|show|series|office|clinic|team|"
        r"bakery|bookshop|bar|pub|coffee shop)|"
        r"(?:grief|bereavement|hospice|funeral|funeral-planning|end-of-life|death)"
        r"(?:-informed|-literacy|-focused|-sensitive)? "
        r"(?:and loss )?"
        r"(?:counsel\w* )?(?:ce|ceu|ceus|series|course|courses|training|trainings|webinar|"
        r"conference|referral list|certificate|curriculum|presenters?|workshop|literature|"
        r"anxiety)\b|hospice (?:where (?:i|we) (?:trained|work|worked)|is hiring|jobs?|positions?)|"
        r"(?:completely|totally|basically) dead(?! body| person| man| woman| child)",
        (),
    ),
    # Fifth round (2026-12-06): a topic named as the subject of a policy, a course, a quiz
    # or a committee describes no one's experience of it (issue 20's convention); "shot
    # myself in the foot" is a figure of speech.
    (
        r"(?:suicide|overdose|violence|domestic violence|sexual violence|sexual assault|child "
        r"abuse|elder abuse|abuse|self-harm|relapse|eating disorders?|substance use|substance "
        r"misuse|grief(?: and bereavement)?|bereavement|trauma)[ -](?:(?:prevention|awareness|"
        r"postvention|mandated[- ]reporter|mandated[- ]reporting|reporting|ce|ceu|continuing "
        r"education) )?(?:policy|policies|training|trainings|curriculum|"
        r"curricula|module|modules|course|courses|toolkit|committee|task force|coordinator|"
        r"grant|grants|funding|webinars?|workshops?|credits?|hours|conference|ce(?:us?)?|quiz|exam|"
        r"criteria|campaign|posters?|"
        r"brochures?|flyers?|accreditation|literature|research|month|week|day)\b|"
        r"(?:suicide|overdose|violence|abuse|self-harm|relapse) (?:prevention|awareness) "
        r"(?:plan template|program|programme|month|week|day|walk|event|fundraiser)\b|"
        r"(?:task force|committee|working group|coalition|conference|webinar|workshop|quiz|"
        r"chapter|criteria|module|lecture|grant|panel) (?:on|about|for) (?:the )?(?:[\w-]+ )?"
        r"(?:substance use|addiction|suicide|eating disorders?|grief|violence|child abuse|"
        r"domestic violence|overdose|opioids?|self-harm)(?: (?:treatment|prevention|services|"
        r"disorders?|criteria))?(?: access)?|"
        r"(?:grief|bereavement)(?: and loss)? (?:support )?(?:group|groups|program|programme|"
        r"service|team)'?s? (?:won|received|was awarded|got an award|is hiring|award|funding|"
        r"facilitators?|flyer|brochure|budget)|"
        r"(?:shot|shoot|shoots|shooting) (?:myself|yourself|ourselves|himself|herself|themselves|"
        r"ourselves|itself) in the foot",
        (),
    ),
    # From the retired 2026-12-06c/d warning sets (development): a mandated-reporting
    # training, a screening tool's name, and more figures of speech ("panels are murder",
    # "that meeting killed me", "dead on my feet"). A topic's CE course is in the fifth
    # round's pattern above.
    (
        r"mandated[- ]report(?:er|ing) (?:training|module|course|requirements?|portal|"
        r"law|laws|policy|policies|obligations?)\b|"
        r"c-?ssrs(?: screen(?:er|ing)?| screen)?|columbia (?:protocol|scale|suicide severity "
        r"rating scale)|"
        r"(?:is|was|are|were|'s|'re) (?:absolute |pure |sheer |just |total )?murder"
        r"(?= today| lately| these days| this week| right now|\s*[.!,;—–-]|$)|"
        r"(?:absolutely|totally|really|seriously|just|basically) killed me\b|"
        r"dead on my feet|dead tired|bored stiff",
        (),
    ),
    # Restriction of something other than food (2026-12-06, after model 2026.12.06-4 read
    # a one-line "restricting time in bed" suggestion in a CBT-I thread as an eating
    # disorder): sleep restriction, screen time, caffeine, an agency's intakes or sessions.
    # Fluids stay out (restricting fluids to weigh less is an eating disorder), and so does
    # access (means restriction is a suicide cue).
    (
        r"(?:sleep|time[- ]in[- ]bed|bed ?time|screen[- ]time|caffeine|salt|sodium) "
        r"restriction(?: therapy| phase| schedule)?|"
        r"restrict(?:s|ed|ing)? (?:(?:her|his|their|my|your|our|the|a|an) )?(?:(?:time|hours) "
        r"(?:spent )?in bed|sleep (?:window|opportunity|schedule)|bed ?time(?: window)?|"
        r"(?:window|time) in bed|screen ?time|phone use|gaming|caffeine|naps?|salt|sodium|"
        r"(?:new )?intakes?|referrals|the number of sessions|sessions|telehealth|overtime|"
        r"caseloads?)\b|"
        # Cutting back on something that is neither food nor a drug: coffee, screen time, hours.
        r"cut(?:s|ting)? (?:back|down) on (?:(?:her|his|their|my|your|our|the) )?(?:coffee|"
        r"caffeine|energy drinks|screen ?time|social media|phone use|gaming|hours|overtime|"
        r"shifts|sessions|clients|caseload|spending|news)\b",
        (),
    ),
    # From the retired 2026-12-06c/d/e warning sets (development), sixth round: more figures of
    # speech ("passed on the first try", "it killed me", "beating a dead horse", "shot my
    # schedule to pieces", "rising from the ashes"), a topic named as a course's, a
    # credential's, a form's section or a special interest group's, and a hospice's staff at
    # work (a clinician's job, not a death).
    (
        r"passed on (?:the|my|her|his|their|a) (?:first|second|third|\d\w*) (?:try|attempt|go)|"
        r"passed (?:it )?on to (?:me|you|us|them|the|my|our|her|his|their)\b|"
        r"(?:it|that|this) (?:absolutely |really |totally |just |kind of |kinda )?killed me\b|"
        r"(?:traffic|the commute|my commute|the drive|that drive)(?: on [\w-]+)? "
        r"(?:absolutely |really |totally |just )?killed me\b|"
        r"(?:beat|beats|beating|flog|flogging) (?:a|the) dead horse|"
        r"shot (?:my|our|the|her|his|their) (?:whole )?(?:schedule|day|week|plans|budget|"
        r"afternoon|morning|calendar|concentration|focus)(?: to (?:pieces|hell|bits))?|"
        r"(?:rising|rise|rose|risen) from the ashes|"
        r"(?:suicide|overdose|violence|abuse|self-harm|eating disorders?|substance use|addiction|"
        r"grief|trauma) (?:prevention |awareness |risk assessment (?:and management )?)?(?:ce|"
        r"special interest group|sig|interest group|credential|credentials|certificate|"
        r"(?:block|section|questions|items) of (?:our|the|my|an?) (?:\w+ )?(?:intake|assessment|"
        r"screening) (?:form|packet|paperwork))\b|"
        r"(?:suicide|self-harm|violence) risk assessment (?:and management )?(?:policy|policies|"
        r"module|training|course|protocol update|workshop)\b|"
        r"(?:ce|ceu|grad|graduate|undergrad|online|self-paced|certificate) (?:course|courses|"
        r"class|seminar|training|program) (?:on|in|about) (?:[\w-]+ ){0,2}?(?:eating disorders?|"
        r"suicide|substance use|addiction|grief|trauma|abuse|violence|self-harm)"
        r"(?: (?:assessment|treatment|prevention|care|recovery))?\b|"
        r"(?:teach\w*|taught) (?:a |an |the )?(?:grad |graduate |undergrad\w* )?(?:course|class|"
        r"seminar|unit) on (?:eating disorders?|suicide|substance use|addiction|grief|trauma)|"
        r"hospice (?:nurses?|social workers?|chaplains?|aides?|staff|volunteers?)"
        r"(?= who| and|,|\.| need| needs| training| refresher)|"
        # A grief group's or a programme's curriculum, format or outcome data; a policy on
        # documenting a topic; a figure of speech for a workplace.
        r"(?:curriculum|format|manual|outcome measures?|data|evaluation|metrics) "
        r"(?:question )?(?:for|of) an? (?:[\w-]+ ){0,3}(?:grief|bereavement) (?:group|program|"
        r"programme)|"
        r"polic(?:y|ies) (?:on|for|about) (?:documenting |charting |screening for |coding )?"
        r"(?:substance use|suicide risk|self-harm|overdoses?|abuse reports?)|"
        r"strangl\w* the life out of (?:this|the|our|my|their) (?:clinic|practice|agency|team|"
        r"place|program|programme|department)|"
        # A programme's news, a figure of speech about coffee.
        r"(?:eating disorders?|substance use|addiction|grief|trauma) (?:iop|php|program|programme|"
        r"unit|team|clinic)s? (?:just )?(?:earned|received|got|won|is hiring|opened|passed)|"
        r"overdosed on (?:conference |free |office )?(?:coffee|caffeine|sugar|candy|netflix|"
        r"podcasts|ceus?)",
        (),
    ),
    # From the retired 2026-12-06f set (development): administrative and research mentions
    # and figures of speech ("I'd murder for a cancellation", "I'm dying here").
    (
        r"(?:i'd|i would|i could|would|could) (?:murder|kill) (?:for|someone for) (?:a|an|some|"
        r"the)\b|"
        r"i'm dying here|zero suicide\b(?: (?:implementation|initiative|framework|model|rollout))?|"
        r"(?:ce|ceu|ceus|training|trainings|webinar|workshop|module|course|seminar|lecture) "
        r"(?:on|about|in) (?:the )?(?:[\w-]+ ){0,2}?(?:suicide|self-harm|child abuse|elder abuse|"
        r"abuse|"
        r"substance use|addiction|eating disorders?|grief|violence|"
        r"trauma)(?: (?:risk )?(?:assessment|"
        r"prevention|recognition|reporting|screening|treatment|management|theory))?\b|"
        r"(?:substance use|addiction|eating disorders?|grief|trauma) (?:specialty|specialization|"
        r"certification track|track)\b|"
        r"(?:study|studies|survey|trial|paper|meta-analysis|research|data) (?:on|of|about) "
        r"(?:[\w-]+ ){0,3}?(?:alcohol use disorder|substance use|opioid use disorder|cannabis use|"
        r"suicide rates|overdose rates)(?: treatment| access| trends)*\b|nsduh|"
        r"grief theory|theories of grief|"
        # From the retired 2026-12-06g set: policies about firearms, a comic who "killed", a
        # talk that "died up there", a topic as a practice area, an ICD code's title.
        r"(?:firearms?|weapons?|guns?) (?:policy|policies|access screening|screening|"
        r"storage counseling|safety training)|(?:firearm|gun) access screening|"
        r"[\"“]?killed[\"”]? at (?:an|the|his|her|their|my) (?:open mic|show|gig|audition|set)|"
        r"died (?:up there|on stage)|"
        r"(?:grief(?: and loss)?|substance use|addiction|eating disorders?|trauma) (?:isn't|is not|"
        r"as) (?:my|a) (?:specialty|practice area)|(?:grief|trauma) practice area|"
        r"disappearance and death of family member|naloxone distribution",
        (),
    ),
    # "relapsed into restriction", "anorexia relapse": the relapse is the eating disorder's,
    # not a drug's.
    (
        r"relaps\w* (?:into|in|back into|to) (?:her |his |their )?(?:old )?(?:restrict\w*|purg\w*|"
        r"bingeing|binge eating|binge-purge\w*|anorexi\w*|bulimi\w*)|"
        r"(?:anorexi\w*|bulimi\w*|binge[- ]eating|eating disorder|ed|arfid) relaps\w*",
        ("eating_disorders",),
    ),
    # A child beaten with a belt or a cord is abuse (a parent's "discipline"), read before the
    # violence cue "beaten with" can take it.
    (
        r"beaten with (?:a |an |the )?(?:belt|switch|cord|extension cord|paddle|wooden spoon|"
        r"hanger)",
        (_ABU,),
    ),
    # Policy and research about a drug, and reading lists about grief, are no one's
    # experience of it.
    (
        r"(?:carry|carries|carrying|stock|stocks|stocking|keep|keeps|keeping) naloxone|"
        r"naloxone (?:kits?|policy|"
        r"policies|training|on (?:home )?visits)|ketamine for (?:treatment[- ]resistant )?"
        r"depression|(?:reading list|syllabus|bibliography|readings) (?:on|about|for) "
        r"(?:bereavement|grief|suicide|trauma|addiction|eating disorders?)"
        r"(?: and (?:bereavement|grief|loss)(?: theory)?)?",
        (),
    ),
    (
        r"(?:billing|bill|code|codes|cpt|modifier|medicaid|medicare|reimbursement|rates?|grants?|"
        r"funding|settlement|cfr|licensure|certification|credentialing|ceus?|records|consent "
        r"forms?) "
        r"(?:[\w'-]+ ){0,7}?"
        r"(?:substance use|substance abuse|sud|alcohol and drug|drug and alcohol|aod|addiction|"
        r"opioid)(?: use)? (?:counsel\w*|treatment|assessments?|programs?|services?|records?|"
        r"codes?|visits?|sessions?|providers?|intakes?|screenings?|evaluations?)|"
        r"(?:licensed |certified )?(?:addiction|substance use|substance abuse|drug and alcohol|"
        r"alcohol and drug|sud) (?:counsel(?:l)?ors?|specialists?|professionals?|workforce|"
        r"services "
        r"(?:tender|contract|budget|funding|grant)s?)|"
        r"(?:substance use|substance abuse|sud|addiction|opioid) treatment records|"
        r"opioid settlement(?: funds?| grants?| money| dollars)?|"
        r"(?:addictions?|alcohol|substance use|substance abuse|sud|opioid|fentanyl|naloxone|narcan|"
        r"overdose|drug) (?:counsel\w* )?(?:training|trainings|conference|licensure|licensing|"
        r"policy|policies|guidance|task force|literature|curriculum|ceus?|certificate|"
        r"certification|hours|board|grants?|funding|budget|course|webinar|prevention "
        r"(?:program|programme|grant|curriculum|training|week|month))\b|"
        r"(?:icd-?10|dsm(?:-5)?(?:-tr)?) (?:[\w'-]+ ){0,6}?(?:alcohol|substance|opioid|cannabis|"
        r"stimulant) use disorders?|"
        r"(?:substance|alcohol|opioid|cannabis|stimulant) use disorder (?:diagnos\w*|criteria|"
        r"specifiers?) (?:requires?|needs?|includes?)|"
        r"(?:es)?ketamine[- ](?:assisted|infusions?|clinics?|therapy|treatment)|esketamine|"
        r"spravato",
        (),
    ),
    # --- clinical paraphrase and euphemism (issue 20) -------------------------
    (
        r"(?:deliberately|intentionally|purposely|purposefully) (?:took|swallowed|ingested|"
        r"overdosed)|(?:took|taking|swallow(?:ed|ing)|ingest(?:ed|ing)) (?:[\w'-]+ ){0,8}(?:on "
        r"purpose|intending to "
        r"(?:die|end)|with the intention of (?:dying|not waking up|ending)|"
        r"because (?:she|he|they|i) wanted to die|"
        r"to (?:end (?:it|things|her life|his life|their life)|"
        r"kill (?:herself|himself|themselves|myself)))|"
        r"(?:lethal|fatal) (?:quantity|dose|amount) of",
        (_SUI,),
    ),
    (
        r"(?:touch|fondl|grop)\w* (?:her|him|them|me) (?:inappropriately|sexually|at night|"
        r"under)|inappropriate(?:ly)? touch\w*|took advantage of (?:her|him|them|me)(?! "
        r"financially)|was taken advantage of|forced (?:himself|herself|themselves) on|"
        r"force[sd]? (?:her|him|them|me) to (?:have sex|perform|do sexual)|perform(?:ed|ing)? "
        r"(?:oral sex|sexual acts?|sex acts?)|sexual (?:acts?|things)|sexually explicit|explicit "
        r"(?:photos|messages|images|pictures)|spiked (?:her|his|their|my) drink|(?:kept going|"
        r"didn't stop|did not stop) (?:after|when) (?:she|he|they|i) said (?:no|stop)|(?:did not|"
        r"didn't|could not|couldn't) consent|without (?:her|his|their|my) consent|sold for sex|"
        r"made to (?:see|sleep with|have sex with) (?:men|women|strangers)|(?:hand|hands) up "
        r"(?:her|his) (?:skirt|shirt|dress)|sexual(?:ly)? harass\w*|sextort\w*",
        (_SEX,),
    ),
    (
        r"(?:withheld|withholding|withholds|withhold) (?:food|meals)|(?:locked|shut|locks|"
        r"shuts) (?:her|him|them|me) (?:out|in)\b|(?:whipped|whips|whipping|belted) (?:her|him|"
        # ... but "a belt tied to the closet rod" is a means of hanging, not a beating.
        r"them|me)|with (?:a|an) (?:belt|extension cord|switch|wooden spoon|coat hanger)"
        r"(?! (?:tied|looped|knotted|around (?:her|his|their|my) neck|to the))|left "
        r"(?:alone|unsupervised|home alone) for (?:days|hours|the weekend|weeks)|no food in the "
        r"house|bruises? (?:on (?:her|his|their) (?:arms?|legs?|face|back|neck)|in the shape)|"
        r"finger-?shaped bruises|welts|cigarette burns|untreated (?:lice|injuries|infections|"
        r"wounds)|(?:monitors?|checks?|reads?|tracks?) (?:her|his|their) (?:phone|messages|texts|"
        r"bank account|spending)|takes? (?:her|his|their) (?:paycheck|paychecks|money|car keys|"
        r"benefits|pension)|(?:cashing|cashed|cashes) (?:her|his|their) (?:pension|benefit|"
        r"social security|disability) checks|won't let (?:her|him|them) (?:see|leave|work|go)|"
        r"(?:shamed|mocked|belittled|humiliated) (?:her|him|them|me)|substantiated (?:the "
        r")?(?:report|allegation)|(?:hold|held|holds) (?:her|his|their) head under",
        (_ABU,),
    ),
    (
        r"(?:carv|cut|slash|slic)\w* (?:words |lines )?(?:into )?(?:her|his|their|my) (?:thighs?|"
        r"arms?|wrists?|skin|legs?|stomach|forearms?)|burn(?:s|ed|ing)? (?:her|his|their|my) "
        r"(?:arms?|forearms?|skin|legs?|thighs?) with|gave away (?:his|her|their|my) "
        r"(?:belongings|things|possessions|guitar|pets?)|(?:step|jump)(?:ped|ing)? off (?:the|a|an)"
        r" (?:overpass|bridge|ledge|roof|building|cliff)|how many pills it would take|"
        r"(?:never|not) (?:waking|wake) up|letters? to each of (?:his|her|their|my) (?:kids|"
        r"children)|has a date picked|end (?:her|his|their|my) life",
        (_SUI,),
    ),
    (
        r"stabb(?:ed|ing)|fired (?:a|the|his|her|their) (?:gun|handgun|rifle|shotgun|pistol)|"
        r"beaten with|beaten (?:up )?by (?:a |an |two |three |several |some )?(?:group of |gang of "
        r")?"
        r"(?:men|guys|boys|people|strangers|gang|group|mob|police|officers|guards|soldiers|kids|"
        r"teens|classmates)|fractured (?:skull|jaw|ribs?)|run (?:her|him|them|me) over|drive-?by|"
        r"(?:jumped|mugged|assaulted|attacked) (?:on (?:his|her|their|my) way|by (?:a|two|three|"
        r"several) (?:men|guys|people|strangers))",
        (_VIO,),
    ),
    (
        r"(?:eats?|ate|eating) only (?:an?|one|half)|(?:her|his|their|my) periods? (?:stopped|"
        r"has stopped|have stopped)|makes? (?:himself|herself|themselves|myself) (?:throw up|"
        r"vomit|sick)|spits? (?:it|food|(?:her|his|their) food) into|chews? (?:[\w]+ ){0,2}and "
        r"spits?|won't absorb the calories",
        (_EAT,),
    ),
    (
        r"killed (?:in|by) (?:a|an|the) (?:[\w-]+ ){0,2}?(?:crash|pile-?up|"
        r"accident|wreck|collision|fire|flood|earthquake|storm|avalanche|tornado|hurricane|"
        r"landslide|explosion at work)",
        (_DTH,),
    ),
    # --- several categories at once ------------------------------------------
    # A death by suicide is both (issue 20's convention).
    (
        r"died by suicide|death by suicide|completed suicide|suicide loss|"
        r"lost (?:[\w'-]+ ){1,3}to suicide|(?:took|taken|takes) (?:his|her|their|my) own life|"
        r"killed (?:himself|herself|themselves|themself)|hanged (?:himself|herself|themselves)|"
        r"ended (?:his|her|their|my) (?:own )?life",
        (_SUI, _DTH),
    ),
    # Fourth round (2026-12-06): behaviours described without the category's own words.
    (
        r"(?:punch|slap|bit|bite|strangl|chok)\w* (?:herself|himself|themselves|themself|myself)|"
        r"hurt(?:s|ing)? (?:herself|himself|themselves|themself|myself)|"
        r"(?:hit|hits|hitting|bang\w*|smash\w*) (?:her|his|their|my) head (?:against|into) (?:the|"
        r"a) "
        r"(?:wall|door|floor|mirror)|affairs in order|tidying up (?:her|his|their|my) affairs|"
        r"(?:sat|stood|standing|sitting|sits|stands) (?:at|on) the edge of (?:the|a) (?:cliff|roof|"
        r"bridge|platform|building|car park)|"
        r"(?:keeps?|kept|hides?|hid|hidden|stash of|stashes) (?:a )?(?:razor )?blades?|"
        r"superficial cuts|self-inflicted (?:lacerations|cuts|wounds|injur\w*|burns)|"
        r"want(?:s|ed)? to disappear|disappear (?:and never come back|for good|forever)|"
        r"(?:don't|do not|doesn't|does not|didn't) want to be alive|"
        r"ideation with (?:some |no |clear )?(?:intent|plan)|passive ideation|active ideation|"
        r"c-?ssrs|aborted attempt|interrupted attempt|attempt on (?:her|his|their|my) (?:own "
        r")?life|"
        r"walk(?:ed|ing|s)? into the (?:sea|ocean|river|lake)|(?:lying|lay|lie|lies) (?:down )?in "
        r"the road|swerv\w* into (?:oncoming )?(?:traffic|a truck|a lorry)|"
        r"(?:jump|jumping|jumped) (?:out of|from) (?:the|a|his|her|their) (?:[\w-]+ )?(?:window|"
        r"height|bridge|balcony|roof)|wants? to be hit by a (?:bus|car|train|truck|lorry)|"
        r"only reason (?:she|he|they|i)(?:'s|'m| is| am| are) (?:still )?(?:alive|here)|"
        r"talked (?:her|him|them|me) down (?:from|off) (?:the|a)|(?:years|history) of cutting|"
        r"scars from (?:[\w-]+ ){0,2}cutting|(?:feels?|felt) like a burden|"
        r"better (?:off )?with (?:him|her|me|them) gone|would be relieved if (?:i|she|he|they) "
        r"(?:wasn't|weren't|was not|were not) (?:around|here)|ligatures?|"
        r"(?:plastic )?bag over (?:her|his|their|my) head|self[- ]strangul\w*|"
        r"not to wake up|"
        r"swallow\w* (?:small )?(?:batteries|razor blades|blades|glass|paperclips|pins|nails)|"
        r"(?:scrap|pick|gouge|carv|dig)\w* (?:at )?(?:her|his|their|my) (?:arms?|wrists?|legs?|"
        r"thighs?|skin|scars|stomach) (?:with|until)|washed down (?:a bottle of |her |his |their )?"
        r"(?:[\w'-]+ ){0,2}(?:tablets|pills|meds)|"
        r"(?:would be fatal|would stop (?:his|her|their|my) heart)|"
        r"(?:took|taken|takes|take|taking) an overdose|"
        r"overdos\w* on (?:her|his|their|my) (?:own )?(?:prescribed )?(?:meds|medications?|tablets|"
        r"pills|antidepressants|sleeping pills|insulin)|"
        r"overdos\w* (?:on (?:[\w'-]+ ){1,3})?(?:on purpose|deliberately|intentionally)|"
        r"(?:sat|sits|sitting|sit) in (?:the|a|his|her|their|my) (?:closed |locked )?(?:garage|car)"
        r" with the (?:engine|motor|car) running|hose (?:from|to|into|on) the exhaust|"
        r"(?:won't|wouldn't|will not|would not) be (?:here|around) (?:much longer|anymore|by "
        r"(?:christmas|the holidays|spring|summer|next year|then)|for (?:her|his|their|my|the) "
        r"(?:[\w']+ )?(?:next )?(?:birthday|graduation|kids|children|wedding))|"
        r"(?:giving|gave|gives|give) away (?:his|her|their|my) (?:\w+ )?(?:belongings|things|"
        r"possessions|tools|guitar|guitars|pets?|books|records|clothes|stuff|games|collection|"
        r"savings)|"
        r"(?:written|wrote|writing|writes) (?:goodbye )?(?:letters |notes )?to (?:each of )?(?:his|"
        r"her|their|"
        r"my) (?:kids|children|family|parents|sons|daughters)|"
        r"(?:would|will) (?:get|have) the life insurance|"
        r"(?:fresh|new|healing|old) (?:linear |parallel )?(?:cuts|cut marks|lacerations|scratches) "
        r"(?:on|along|across|to) (?:her|his|their|my)|(?:linear|parallel) (?:marks|cuts|scars|"
        r"scratches|lacerations)|"
        r"(?:press\w*|held|holds?|holding|put\w*) (?:a )?(?:lit )?(?:lighter|cigarette|match|"
        r"hot (?:spoon|iron|knife|coin)) (?:against|into|to|on) (?:her|his|their|my) (?:skin|"
        r"arms?|wrists?|ankles?|legs?|thighs?|hands?|stomach)|"
        r"scratch(?:es|ed|ing)? (?:herself|himself|themselves|myself)|cutting again|"
        r"(?:looked|look|looks|looking) up (?:how (?:high|tall|far down)|which (?:medications|"
        r"pills|drugs|bridges|buildings)|(?:the )?(?:lethal|fatal|toxic) (?:dose|amount))|"
        r"research\w* (?:which (?:medications|pills|drugs|bridges|buildings|methods)|(?:the )?"
        r"(?:lethal|fatal|toxic) (?:dose|amount)|methods|how to (?:die|hang|overdose))|"
        r"(?:railing|parapet|ledge) of (?:the|a) (?:bridge|roof|car park|multi-?stor(?:e)?y|"
        r"balcony|building|cliff|overpass)|"
        r"(?:stash|hoard|stockpile|supply) of (?:pills|tablets|meds|medication)|"
        r"(?:saving|saves|saved|hoarding|hoards|hoarded) (?:up )?(?:her|his|their|my)? ?"
        r"(?:pills|tablets|meds|sleeping (?:tablets|pills))|"
        r"plan(?:,| and) (?:the )?(?:means|a date)|picked a date|"
        r"(?:thinking about|deciding whether to|considering|wanting to|wanted to|thought about) "
        r"(?:step|jump)(?:ping)? off|(?:climb|get|got|climbed|climbing) over the (?:railing|"
        r"barrier|"
        r"parapet)|took (?:every|all the|all of the) (?:pills?|tablets|meds)|"
        r"(?:self-)?poison\w* (?:[\w'-]+ ){0,5}?(?:was |were )?(?:on purpose|deliberate|"
        r"intentional)|"
        r"(?:pills|tablets|meds|medication)\b(?: [\w'-]+){0,5}? (?:wasn't|was not|were not|"
        r"weren't) "
        r"(?:an )?accident(?:al)?|go to sleep forever|sleep forever|"
        r"want(?:s|ed)? (?:everything|it all) to (?:stop|end|be over)|"
        r"(?:hadn't|had not|didn't|did not|doesn't|does not|don't) want(?:ed)? to wake up",
        (_SUI,),
    ),
    (
        r"(?:fingers?|toothbrush|spoon) down (?:her|his|their|my) throat|"
        r"starv\w* (?:herself|himself|themselves|themself|myself)|"
        r"allows? (?:herself|himself|themselves|myself) (?:only )?(?:one|a|an|\d+) (?:small |"
        r"single |tiny )?"
        r"(?:meal|dinner|lunch|breakfast|snack|yoghurt|yogurt|apple|cracker|biscuit|slice|bite)s?|"
        r"skips? breakfast and lunch|(?:hundreds|dozens) of sit-?ups|cut(?:ting)? out (?:all|"
        r"every) "
        r"(?:carbs|fat|sugar|food)|cut out everything but|suppress (?:her|his|their|my) appetite|"
        r"appetite suppressants|diet teas|slimming pills|refeeding|lanugo|downy hair|food rules|"
        r"(?:disappears?|goes|runs) (?:straight )?to the (?:bathroom|toilet|loo) (?:straight "
        r")?after "
        r"(?:dinner|meals|eating|lunch|every meal)|to lose weight, (?:and )?her hba1c|"
        r"(?:pinch\w*|measur\w*) (?:her|his|their|my) (?:waist|stomach|thighs|arms|hips)|"
        r"(?:goes|went|go|going) days without (?:eating|food)|tracks? every calorie|"
        r"under \d+ (?:calories )?a day|refuses? to eat in front of|enamel erosion|"
        r"(?:weighs?|weighing|weighed) (?:every|each) (?:morsel|meal|bite|portion|gram|crumb)|"
        r"(?:hides?|hid|hiding|hidden) (?:her|his|their|my)? ?(?:meals?|food|dinner|lunch) in "
        r"(?:napkins?|(?:her|his|their|my) (?:pockets?|room|sleeves?|bag))|"
        r"(?:diuretics|water pills) (?:and|or) laxatives|laxatives (?:and|or) (?:diuretics|"
        r"water pills)|"
        r"(?:bingeing|binging|binges?|binged) and (?:vomiting|throwing up|purging|being sick)|"
        r"counts? (?:out )?(?:exactly )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|fifteen|twenty) (?:almonds|grapes|crackers|nuts|raisins|bites|peas|chips|"
        r"blueberries|calories)|"
        r"(?:afraid|scared|terrified|panic\w*|convinced|frightened|worried)(?: [\w']+){0,4} "
        r"(?:gain(?:ing)?|put(?:ting)? on|putting on) (?:weight|a pound|a kilo)|"
        r"(?:avoid|avoids|avoiding) eating|(?:skips?|skipping|skipped) (?:every|all|most) meals|"
        r"burn off (?:every|what|the|everything|anything|each)|"
        r"(?:after every|after each) meal (?:she|he|they|i) (?:runs?|exercises?|works? out)",
        (_EAT,),
    ),
    (
        r"driving under the influence|drink[- ]driving|drunk[- ]driving|heavy drinker|day[- "
        r"]drinking|"
        r"drink(?:s|ing)? alone|drank (?:himself|herself|themselves) to death|(?:back )?on the "
        r"bottle|"
        r"off the (?:bottle|booze)|booze\b|hip flask|vodka|whiske?y|tequila|liquor|"
        r"(?:several|a few|few|two|three|four|five|six|seven|eight|nine|ten|many) (?:beers|cans|"
        r"glasses of wine|pints|shots)\b|"
        r"smok\w* (?:a )?(?:joints?|spliffs?|skunk|spice|weed|pot|crack|meth|heroin)|"
        r"chas\w* the dragon|drop(?:ped|ping|s)? acid|huff(?:s|ed|ing)? (?:aerosols?|glue|paint|"
        r"gas|"
        r"solvents?)|huffing|(?:his|her|their|my|a|the) (?:drug )?dealer|"
        r"(?:used|using|uses) before (?:coming|the session|session|group|work|school)|"
        r"(?:buys?|bought|buying|gets?|got|getting) (?:[\w-]+ ){0,3}(?:valium|xanax|tramadol|"
        r"codeine|benzos?) (?:online|from a friend|off a friend|on the street|from a dealer)|"
        r"pills (?:he|she|they|i) buys? from|a bag of powder|(?:gram|grams|line|lines) of "
        r"(?:coke|cocaine|speed|ket|meth)|coke (?:habit|binges?|dealer)|livener|"
        r"(?:stop|ease|steady) the shakes|drink\w* before (?:breakfast|work|noon)|"
        r"blackouts? after (?:nights out|drinking|parties|a night out)|"
        r"drinks? (?:[\w-]+ ){0,2}to (?:blackout|black out|oblivion)|a six-pack (?:after|every|a)|"
        r"(?:litre|liter|bottle|bottles) of (?:vodka|cider|wine|gin|whiske?y|rum|red|white|beer|"
        r"lager|spirits)|"
        r"ketamine|k-holes?|chemsex|mephedrone|mdma|ecstasy|psilocybin|magic mushrooms|ghb|"
        r"crystal meth|benzos?\b|xanax|oxycodone|oxycontin|percocet|"
        r"(?:hangover|hungover|hangovers)\b|"
        r"pints? of (?:beer|lager|cider|ale|bitter|stout)|(?:two|three|four|five|six|seven|eight|"
        r"ten|few|several) pints\b|"
        r"(?:drinks?|drank|drinking) (?:[\w'-]+ ){0,3}(?:until|till|til) (?:he|she|they|i) "
        r"(?:passes|pass|passed|blacks|black|blacked) out|"
        r"(?:getting|get|gets|got) (?:absolutely )?(?:wasted|hammered|plastered|trashed|smashed)|"
        r"without (?:being|getting) (?:wasted|drunk|high|hammered)|"
        r"(?:two|three|four|a|one) bottles? (?:a|every|most|each) (?:night|day|evening)s?|"
        r"\d+ (?:beers|cans|glasses of wine|pints|shots|bottles? (?:a|every|most|each) "
        r"(?:night|day|evening)s?)\b|"
        r"foil and a lighter|burnt foil|burned foil|using again|"
        r"(?:hides?|hid|hiding|hidden|stash(?:es|ed)?) (?:[\w'-]+ ){0,2}(?:bottles|miniatures|"
        r"vodka|booze|empties)|(?:bottles|miniatures|empties) hidden",
        (_SUB,),
    ),
    (
        r"knocked (?:her|him|them|me) (?:to the (?:floor|ground)|down|out|around|unconscious)|"
        r"knocked (?:her|his|their|my) (?:mum|mom|mother|wife|dad|father|partner) around|"
        r"kick(?:s|ed|ing)? (?:her|him|them|me)\b|slam\w* (?:her|his|their|my) head|"
        r"push\w* (?:her|him|them|me) (?:into|out of|down|against)|shov\w* (?:her|him|them|"
        r"me)\b|"
        r"drag\w* (?:her|him|them|me) across|"
        r"(?:hurl|throw|threw|throws|throwing)\w* (?:a |the )?(?:chairs?|bottles?|bricks?|glass|"
        r"plates?|things) at|cut (?:him|her|them|me) with (?:a|the) (?:kitchen )?knife|black eye|"
        r"cracked ribs|hit (?:him|her|them|me|\w+) (?:over the head |in the face )?with (?:a|the) "
        r"(?:frying pan|bat|bottle|brick|hammer|pan|pipe|crowbar)|"
        r"(?:hit|struck) (?:in the face |over the head )with (?:a|the) (?:bottle|brick|bat|hammer|"
        r"pipe)|gunned down|shot through|handguns?|shelled|shelling|blown apart|"
        r"threaten\w* to (?:slit|cut) (?:his|her|their|my) throat|armed robber\w*|bar fight|"
        r"acid attack|interrogat\w* prisoners|broken (?:glass|bottle) (?:in|at|on)|knifed|"
        r"(?:public |saw |seeing |witnessed )executions|(?:grew up|lived|living|born) in a war "
        r"zone|crossfire|armed men|"
        r"hacked (?:with|to death)|swinging a (?:hammer|bat|machete|knife)|machetes?|"
        r"(?:the |a )?beating (?:he|she|they) took|being beaten\b(?! by (?:a |her |his |their |my "
        r")?(?:parent|father|mother|dad|mum|mom|"
        r"step\w+|carer|caregiver))|shot someone|"
        r"(?:push\w*|shov\w*) (?:people|someone|strangers|a stranger) (?:onto|in front of) "
        r"(?:the )?(?:train |subway )?(?:tracks|train)|smash the face|"
        r"(?:threaten\w*|menac\w*) (?:the family|them|her|him) with (?:his|her|a|the) "
        r"(?:shotgun|gun|rifle|knife)|"
        r"opened fire|open(?:s|ing)? fire on|returned fire|firefights?|ambush\w*|gunm[ae]n|"
        r"shoot-?outs?|shelling|airstrikes?|militias?|roadside bombs?|"
        r"soldiers? (?:burn\w*|raid\w*|shot|killed|rounded up)|"
        r"burn\w* (?:her|his|their|the) (?:village|town|home|house) (?:down|to the ground)?|"
        r"jaw wired|left for dead|(?:kicked|beaten|knocked|punched) (?:[\w'-]+ ){0,3}unconscious|"
        r"threw (?:a|the) (?:chair|bottle|brick|glass|table|plate|mug) at|"
        r"(?:punch|headbutt|kick|slap|elbow)\w* (?:[\w'-]+ ){0,3}in the (?:face|head|stomach|jaw|"
        r"mouth|ribs|groin)|split lip|"
        r"by (?:her|his|their|my) (?:throat|neck)|(?:hands?|fingers) (?:around|on) (?:her|his|"
        r"their|my) "
        r"(?:throat|neck)|pinned (?:her|him|them|me) (?:against|to) (?:the|a)|"
        r"(?:got|gets|get|getting|was|were|been) jumped|jumped (?:on (?:the|his|her|their|my) way|"
        r"after school|outside)|"
        r"(?:brought|brings|bring|carrying|carries|carry|carried) a (?:knife|gun|blade|machete) "
        r"(?:to|into|for|in)",
        (_VIO,),
    ),
    (
        r"(?:dog|cat|pet|puppy|horse|rabbit|kitten)(?: of (?:\w+ ){1,2}years)? (?:was |had to be |"
        r"got "
        r"|being )?(?:put (?:down|to sleep)|euthani[sz]\w*)|euthani[sz]\w*|drank (?:himself|"
        r"herself|"
        r"themselves) to death|drowned|palliative (?:care|ward|unit)|final days|last breath|"
        r"mortuary|morgue|(?:mum|mom|dad|father|mother|wife|husband|son|daughter|brother|sister|"
        r"partner|friend|grandma|grandpa|grandmother|grandfather)(?:'s|’s) passing|lost (?:her|his|"
        r"their|a|the) battle with|"
        r"(?:did not|didn't) make it (?:off the operating table|through the night|through surgery)|"
        r"lost (?:a|our|their|the|my) (?:[\w-]+ ){0,2}(?:colleague|member of the team|team member|"
        r"friend) to|lost (?:his|her|their|my|both) (?:whole )?(?:\w+ )?(?:parents|family|children|"
        r"kids)\b|lost children in|lost (?:her|a|the|their) pregnancy|losing (?:her|their|a|the) "
        r"baby|the memorial\b|had (?:\w+ )?(?:dog|cat|pet) put (?:down|to sleep)|"
        r"(?:losing|lost|loss of) (?:our|her|his|their|my|the) (?:family |old )?(?:dog|cat|pet|"
        r"puppy|horse)|pet loss|"
        r"body (?:had been|was|has been|were) (?:found|recovered|identified)|"
        r"(?:found|identified) (?:his|her|their) body|"
        r"(?:wife|husband|mother|father|mom|mum|dad|son|daughter|partner|brother|sister|grandma|"
        r"grandpa|grandmother|grandfather|friend|spouse|fianc[eé]e?) (?:of (?:\w+ ){1,2}years )?"
        r"passed\b(?! (?:the|her|his|their|a|an|on (?:the|a|her|his)|out|along|by|over))|"
        r"(?:from|in|up in|to) heaven\b|lost (?:a|another|our|my|her|his|their|the) (?:[\w-]+ )?"
        r"(?:patient|"
        r"client|resident|student|baby|pregnancy) (?:to|last|this)",
        (_DTH,),
    ),
    (
        r"(?:hadn't|had not|has not|hasn't|wasn't|was not|not) (?:been )?fed (?:in|for)\b|"
        r"(?:not been|hadn't been|wasn't) changed or fed|"
        r"locked in (?:the|a) (?:basement|closet|cupboard|shed|room|cellar)|"
        r"no food (?:at home|in the (?:house|fridge|flat|apartment))|fridge (?:is |was )?empty|"
        r"went without dinner|untreated (?:head )?lice|"
        r"arriv\w* (?:at school )?(?:filthy|hungry|dirty|unwashed)|unwashed uniform|"
        r"same (?:unwashed )?(?:clothes|uniform) (?:to school )?for (?:weeks|days)|"
        r"waste of space|call buttons? (?:were |was )?unplugged|left in (?:their|her|his) beds? "
        r"all "
        r"day|cash\w* (?:the |her |his |their )?(?:[\w']+ ){0,2}(?:checks|cheques|pension)|"
        r"kicked out (?:of (?:home|the house) )?at \d+|"
        r"(?:doesn't|does not|didn't|won't|refuses to) let (?:her|him|them) (?:have|learn|see|"
        r"leave|"
        r"work|go|take|drive|use)|(?:isn't|is not|wasn't) allowed out|belittl\w*|"
        r"crush\w* (?:extra )?(?:sedatives|pills|tablets) into|monitors? (?:her|his) weight|"
        r"(?:filmed|caught|seen) (?:hitting|slapping|shaking|pushing|kicking) (?:an? |the )?"
        r"(?:elderly |vulnerable |frail )?(?:resident|patient|toddler|child|baby|infant)|"
        r"shak\w* (?:a|the) (?:toddler|baby|infant|child) hard|shaken baby|spiral fracture|"
        r"(?:confiscated|took|kept|keeps|hides|hid) (?:her|his) (?:passport|documents)|"
        r"bull(?:ies|ied|ying) (?:her|him|them) into|takes? (?:her|his|their) wages|"
        r"family scapegoat|withholding affection|threats of abandonment|"
        r"(?:rummag\w*|digging|searching|scavenging) (?:through|in) (?:the )?(?:trash|bins?|"
        r"garbage|dumpsters?) for (?:food|something to eat)|"
        r"(?:left|leaving|leaves?|leave) (?:them|her|him|residents?|patients?) in (?:wet|soiled|"
        r"dirty) (?:briefs|diapers|nappies|clothes|sheets|beds?)|"
        r"pocket\w* (?:residents'|patients'|her|his|their) (?:cash|money)|"
        r"emptied (?:her|his|their) (?:savings|bank accounts?|accounts?)|"
        r"made to (?:stand|kneel|sit) (?:in|on|for|outside)|going without (?:dinner|food|meals)|"
        r"sent to bed without (?:dinner|food|supper)|"
        r"(?:days|a week|weeks) of (?:being ignored|the silent treatment|silence)|"
        r"(?:has|have|had) to send (?:him|her|them) (?:a )?(?:photos?|pictures?|(?:her|his|their) "
        r"location)|picks? out (?:her|his) clothes|"
        r"not allowed to (?:wear makeup|see (?:her|his|their) (?:friends|family)|leave the house|"
        r"have (?:her|his|their) own (?:money|phone|bank account))|"
        r"(?:our|their|a) (?:special|little) secret|keep (?:quiet|silent) about what happened|"
        r"(?:keep|keeping) (?:their|our|the) (?:chats?|messages|texts|relationship) (?:a )?secret|"
        r"groom(?:ed|ing)\b|grip marks|(?:unexplained|suspicious) (?:bruis\w*|marks|injuries|"
        r"fractures|burns)",
        (_ABU,),
    ),
    (
        r"(?:insists?|insisted|insisting|demands?|demanded) on (?:sex|intercourse)|"
        r"stealth(?:ed|ing)\b|removed the condom|(?:wouldn't|would not) take no for an answer|"
        r"kept (?:going|pushing) (?:after|when|despite)|despite (?:her|his|their) protests|"
        r"slid (?:his|her) hand (?:into|up|under|inside)|(?:hand|hands) (?:into|inside|down) "
        r"(?:her|his) (?:underwear|trousers|pants|knickers)|sex[- ]trafficking|obscene (?:messages|"
        r"calls|photos|pictures)|exposing (?:himself|herself)|intimate (?:moments|images|photos|"
        r"videos) without|won't accept (?:a )?refusal|pressured into (?:a threesome|sex)|"
        r"put something in (?:his|her|their|my) (?:drink|beer|wine|glass)|"
        r"(?:pictures|photos|images) of (?:herself|himself|themselves) without clothes|"
        r"(?:naked|nude) (?:pictures|photos|images|selfies)|nudes\b|"
        r"touched by (?:an adult|a (?:man|stranger|teacher|coach|relative|neighbou?r|woman))|"
        r"touch\w* (?:her|him|them|me) (?:where (?:he|she|they) shouldn't|in ways)|"
        r"(?:secretly )?filmed (?:her|him|them) (?:undressing|naked|in the shower|having sex)|"
        r"woke (?:up )?to (?:him|her|someone|a man) (?:already )?on (?:top of )?(?:her|him|me)",
        (_SEX,),
    ),
    (r"(?:childhood |child )?sexual(?:ly)? abus\w*|molest\w*|incest\w*", (_ABU, _SEX)),
    (
        r"domestic (?:violence|abuse)|intimate partner (?:violence|abuse)|"
        r"batter(?:ed|er|ers|ing)\b",
        (_ABU, _VIO),
    ),
    (r"physical(?:ly)? abus\w*", (_ABU, _VIO)),
    (
        r"(?:swallowed|took|downed|ingested|takes|swallows) (?:a |the |her |his |their |my )?"
        r"(?:whole|entire|full) (?:[\w']+ )?(?:bottle|box|pack|packet|supply|month's supply|"
        r"blister pack|"
        r"prescription)(?! of (?:wine|vodka|whiske?y|liquor|tequila|rum|gin|beer|cider|booze|"
        r"spirits))|took (?:all|every one|every last one|the rest) of (?:her|his|their|my) "
        r"(?:\w+ )?(?:pills|tablets|meds|medications?|prescriptions?|antidepressants|insulin|"
        r"painkillers|sleeping pills)|"
        r"overdos\w*(?: [\w'-]+){0,6}? (?:was|as) (?:intentional|deliberate|"
        r"on purpose|not (?:an )?accident(?:al)?|(?:a|an) (?:suicide|suicidal|self-harm) attempt)|"
        r"(?:intentional|deliberate|purposeful)(?:ly)? (?:[\w-]+ ){0,2}?overdos\w*|"
        r"(?:suicide|suicidal) (?:attempt )?by overdose|"
        r"overdos\w* (?:on purpose|deliberately|intentionally)|"
        r"overdose was (?:a|an) (?:suicide|suicidal) attempt",
        (_SUI,),
    ),
    (
        r"took (?:a handful|\d+|all) (?:of )?(?:her|his|their|my)? ?(?:\w+ )?(?:pills|tablets|"
        r"meds)|"
        # Fifth round: a count in words or "about 30", and a whole bottle or packet swallowed.
        r"(?:took|swallowed|swallowing|taking) (?:about |around |nearly |over |some |at least )?"
        r"(?:\d+|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|"
        r"(?:twenty|thirty|forty)-\w+)"
        r" (?:of )?(?:her|his|their|my|the|a friend's|(?:her|his|their|my) \w+'s) (?:\w+ )?"
        rf"{_MEDICINE}|"
        r"(?:swallowed|swallowing|took|downed|downing) (?:a|an|the|her|his|their|my) "
        r"(?:whole |entire )?(?:bottle|packet|box|pack|month's supply|week's supply|"
        r"blister pack)s? of (?:[\w-]+ )?"
        rf"{_MEDICINE}|"
        r"took \d+ of (?:her|his|their|my) \w+|stockpil\w*(?: (?:pills|meds|medications?))?",
        (_SUI,),
    ),
    (
        r"(?:wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?|ex) (?:hits|hit|beats|beat|"
        r"slaps|"
        r"slapped|kicks|kicked|punches|punched|chokes|choked|shoves|shoved) (?:her|him|them|me)",
        (_ABU, _VIO),
    ),
    # Physical abuse of a child or an elder by a carer is abuse (issue 20's convention);
    # violence is added for assault between adults.
    (
        r"(?:mother|father|mom|mum|dad|stepfather|stepmother|stepdad|stepmom|parents?|grandmother|"
        r"grandfather|grandma|grandpa|carer|caregiver) (?:hits|hit|beats|beat|slaps|slapped|kicks|"
        r"kicked|punches|punched|chokes|choked|shoves|shoved|whips|whipped) (?:her|him|them|me)",
        (_ABU,),
    ),
    (
        r"made (?:her|him|them|me) watch porn\w*|too drunk to consent|(?:couldn't|could not|"
        r"unable to) consent|without (?:her |his |their |my )?consent|(?:pressured|manipulated|"
        r"guilted) into (?:sex|sexual)|drugged and (?:assaulted|raped|abused)|exposed (?:himself|"
        r"herself|themselves)|"
        r"woke up with (?:a stranger|someone|him|her|a man|a woman) on top of|coerced (?:her |"
        r"him |them |me )?into (?:sex|"
        r"sexual)|"
        r"forced (?:her |him |them |me )?(?:into|to have) sex|forced sex|unwanted (?:sex|touching|"
        r"sexual \w+)",
        (_SEX,),
    ),
    (r"(?:self[- ]?)?abus\w* laxatives|laxative (?:abuse|misuse|use)", (_EAT,)),
    (r"self[- ]abus\w*", (_SUI,)),
    (
        r"(?:substance|drug|alcohol|opioid|opiate|cocaine|cannabis|marijuana|stimulant|"
        r"prescription|benzo\w*|polysubstance|meth|inhalant|heroin) (?:abuse|misuse|use disorder|"
        r"use|dependence)\w*",
        (_SUB,),
    ),
    (
        r"sexual violence|sexual(?:ly)? assault\w*|rap(?:e|ed|es|ing|ist|ists)\b|date rape|"
        r"statutory rape|sexual(?:ly)? exploit\w*|sex(?:ual)? trafficking|trafficked for sex|"
        r"grop(?:ed|ing)\b|non-?consensual|child (?:pornography|sexual abuse material)|"
        r"revenge porn|indecent exposure|inappropriately touch\w*|touched (?:her|him|them) "
        r"(?:inappropriately|sexually)|sexual(?:ly)? (?:coerc\w*|violat\w*)",
        (_SEX,),
    ),
    # --- suicide and self-harm -----------------------------------------------
    (
        r"suicid\w*|self[- ]?harm\w*|self[- ]?injur\w*|self[- ]?mutilat\w*|"
        rf"cutting (?:{_REFLEXIVE}|on (?:her|his|their|my) \w+)|cut {_REFLEXIVE}|burn(?:ed|ing|s)? "
        rf"{_REFLEXIVE}|kill(?:ed|ing|s)? {_REFLEXIVE}|hang(?:ed|ing|s)? {_REFLEXIVE}|"
        rf"end(?:ed|ing|s)? {_POSSESSIVE} (?:own )?life|t(?:ake|ook|aking) {_POSSESSIVE} own life|"
        r"wants? to die|wanted to die|wish(?:es|ed)? (?:she|he|they|i) (?:was|were) dead|"
        r"driv\w* (?:her|his|their|my) car (?:into|off)|keeps? a rope|hit(?:s|ting)? "
        r"(?:herself|himself|themselves|myself)|bang(?:s|ed|ing)? (?:her|his|their|my) head|"
        r"goodbye (?:letters?|notes?|messages?|texts?|videos?)|suicide notes?|scratch(?:es|ed|"
        r"ing)? (?:her|his|their|my) "
        r"(?:arms?|forearms?|legs?|wrists?|skin)|until (?:they|it|she|he) bleeds?|(?:world|"
        r"everyone|"
        r"family) (?:would be|is|will be) better (?:off )?without (?:me|her|him|them)|"
        r"(?:trying|tried|try) to (?:jump|hang|drown)|jump(?:ed|ing)? (?:from|off) (?:a|an|the) "
        r"(?:bridge|overpass|roof|building|balcony)|end it(?: all)?\b|ways to (?:die|end it|kill)|"
        r"(?:made|makes) an attempt|(?:prior|"
        r"previous|"
        r"past|recent|last) attempts?|attempt(?:ed)? (?:by|to kill|to end|to take)|by hanging|"
        r"(?:didn't|don't|wouldn't|won't|never|not) wake up|gun to (?:my|his|her|their) head|"
        r"better off dead|rather be dead|better off without (?:me|her|him|them)|"
        r"(?:not|never) wake up|(?:don't|doesn't|didn't) want to (?:be here|live|be alive) anymore|"
        r"no reason to live|death wish|unalive\w*|lethal means|means restriction|jump(?:ed|"
        r"ing)? off "
        r"(?:a|the) (?:bridge|roof|building)",
        (_SUI,),
    ),
    # --- abuse -------------------------------------------------------------------
    (
        r"abus(?:e|ed|es|ing|ive|er|ers)\b|maltreat\w*|neglect(?:ed|ful|ing)?\b|coercive control|"
        r"lock(?:s|ed)? (?:her|him|them|me) in (?:a|the) (?:closet|room|basement|car)|"
        r"kneel(?:ing)? on rice|soiled (?:sheets|clothes|diapers|bedding)|threat\w* to take the "
        r"(?:kids|children|baby)|"
        r"call(?:s|ed|ing)? (?:her|him|them|me) (?:worthless|stupid|useless|fat|ugly|a whore|a "
        r"slut)|scream(?:s|ed|ing)? at (?:her|him|them|me) for hours|taking (?:her|his|their) "
        r"(?:social security|checks|money|benefits|pension)|tracks? (?:her|his|their) (?:phone|"
        r"location)|won't let (?:her|him|them) (?:see|leave|work|have|go)|isolat\w* (?:her|him|"
        r"them) from|"
        r"controls? all (?:the|of the|her|his) money|financial(?:ly)? (?:abuse|exploit\w*)|"
        r"removed (?:the kids|the children|them|her|him) from|living in filth|"
        r"child protective services|adult protective services|"
        r"mandated report\w*|human trafficking|trafficked|grooming by|groomed by|"
        r"emotional(?:ly)? abus\w*|verbal(?:ly)? abus\w*",
        (_ABU,),
    ),
    # --- substance use -------------------------------------------------------
    (
        r"overdos\w*|alcohol\w*|drunk\w*|intoxicat\w*|"
        r"(?:drinks|drank|drinking) (?:a bottle|a fifth|a six-pack|a case|\d+ (?:beers|drinks|"
        r"shots)|"
        r"every (?:night|day))|bottles? of (?:wine|vodka|whiskey|liquor|tequila|rum|gin)|"
        r"fifth of \w+|using (?:her|his|their|my|a friend's|someone's) (?:\w+'s )?(?:adderall|"
        r"xanax|oxy\w*|percocet|vicodin|klonopin|pills|meds)|(?:xanax|benzos|pills|oxy\w*|percocet|"
        r"opioids) (?:and|with) (?:alcohol|booze|drinking)|mixing (?:xanax|benzos|pills|"
        r"medications?) (?:and|with)|snort(?:s|ed|ing)?\b|(?:days|weeks|months|years) clean\b"
        r"(?! of (?:it|cutting|self-harm|hurting))|"
        r"clean (?:from|off) "
        r"(?:heroin|meth|opioids|alcohol|drugs|pills|cocaine|fentanyl)|"
        r"binge[- ]?drink\w*|heavy drinking|drinking (?:problem|again|heavily|daily|every day)|"
        r"relaps\w*|sober\b|sobriety|addict\w*|opioids?|opiates?|heroin|fentanyl|"
        r"methamphetamines?|(?<!-)meth\b|cocaine|crack (?:cocaine|pipe|house)|smok(?:e|es|ed|"
        r"ing) (?:weed|pot|crack|meth)|"
        r"(?:got|getting|gets|get) high\b(?! (?:marks|scores|grades|praise|ratings|reviews))|"
        r"stoned|blackout drunk|detox\w*|"
        r"(?:drug|alcohol|inpatient) rehab|went to rehab|in rehab|drug use|using drugs|"
        r"(?:injecting|injection) drugs|withdrawal (?:from|symptoms)|suboxone|buprenorphine|"
        r"methadone|naloxone|narcan|vivitrol|naltrexone|vap(?:e|es|ing)\b|marijuana|cannabis|"
        r"kratom|xanax bars|pills? (?:mill|seeking)|drug[- ]seeking",
        (_SUB,),
    ),
    # --- eating disorders ----------------------------------------------------
    (
        r"eating disorder\w*|anorexi\w*|bulimi\w*|binge[- ]?eat\w*|binge(?:ing|d)? and purg\w*|"
        r"allows? (?:herself|himself|themselves|myself) (?:only )?\d+ calories|\d+ calories a day|"
        r"takes? laxatives|laxatives after|weighs (?:herself|himself|themselves|myself)|chew(?:s|"
        r"ing|ed)? (?:food )?and spit\w*|"
        r"spits? (?:it|food) out|(?:hasn't had|missed|lost) (?:her )?periods?|won't gain weight|"
        r"(?:hides?|hiding) food|eats? (?:almost )?nothing|barely eat\w*|"
        r"stopped eating|binges? at night|vomit\w* after "
        r"(?:meals|eating|dinner|lunch)|then vomits|counts? every calorie|counting calories|"
        r"compensat\w* for (?:anything|what|everything) (?:she|he|they|i) eats?|fear of "
        r"(?:gaining weight|weight gain)|exercis\w* (?:compulsively|excessively)|"
        r"purg(?:e|ed|es|ing)\b|orthorexi\w*|restrict(?:s|ed|ing)? "
        r"(?:her |his |their |my )?(?:food|eating|intake|calories|meals)|food restriction|"
        r"diet pills|self-induced vomiting|mak(?:e|es|ing) (?:herself|himself|themselves|myself) "
        r"(?:throw up|vomit|sick)|pro-?ana\b|thinspo\w*|body checking|compensatory behaviou?rs?",
        (_EAT,),
    ),
    # --- violence ------------------------------------------------------------
    (
        r"killed|murdered|gunned down|homicide victim|was shot dead|shot (?:and )?killed|(?:beaten|"
        r"stabbed|"
        r"kicked|strangled|burned|bludgeoned|choked) to death",
        (_VIO, _DTH),
    ),
    (
        r"threaten\w* (?:her|him|them|me) with (?:a|an) (?:knife|gun|bat|weapon|hammer|machete)|"
        r"beaten (?:badly|unconscious|severely)|(?:get|gets|getting) shot|put (?:her|him|"
        r"them|me) in the hospital|broken (?:jaw|nose|"
        r"ribs?|"
        r"arm|orbital)|broke (?:her|his|their|my|a man's|a woman's|someone's) (?:nose|jaw|ribs?|"
        r"arm)|fist ?fights?|brawl\w*|got into a (?:physical )?fight|physical (?:fight|"
        r"altercation)|"
        r"(?:fantasi[sz]\w*|thoughts? of|"
        r"urges? to) (?:about |of )?(?:hurting|"
        r"killing|harming|hurt|kill|harm)(?! (?:herself|himself|themselves|themself|myself))",
        (_VIO,),
    ),
    (
        r"violen(?:ce|t|tly)\b|homicid\w*|murder\w*|kill(?:s|ing)?\b|shoot(?:ing|ings|er|s)?\b|"
        rf"shot (?:{_PRONOUN_OBJ}|at|dead|{_REFLEXIVE})\b|(?:was|were|got|been) shot\b|gunshot\w*|"
        r"gunpoint|gunfire|firearms?|guns?\b|stab(?:bed|bing|s)?\b|knife ?point|pulled a knife|"
        rf"assault\w*|attack(?:ed|ing|s)? (?:{_PRONOUN_OBJ}|by)\b|punch(?:ed|es|ing)\b|strangl\w*|"
        rf"chok(?:ed|ing) (?:{_PRONOUN_OBJ})|beat(?:s|ing|en)? (?:{_PRONOUN_OBJ})(?: up)?\b|"
        r"beat(?:en|ing)? up|threat(?:en|ened|ening|ens)? to (?:kill|hurt|harm|shoot|stab|beat|"
        r"run (?:[\w']+ ){1,2}over)|"
        r"weapons?\b|tortur\w*|bomb(?:ing|ings)?\b|bomb threats?|terroris\w*|massacre\w*|"
        r"genocid\w*|"
        r"lynch\w*|war crimes?",
        (_VIO,),
    ),
    # --- death and grief -----------------------------------------------------
    (
        r"deaths?\b|died|dies\b|dying\b|dead\b|passed away|passing of|passed (?:on\b|last|"
        r"recently|suddenly|this (?:week|month|year)|in (?:her|his|their) sleep)|\w+(?:'s|s'|"
        r"’s) grave\b|"
        r"grave(?:side|site|stone)s?|at the grave|(?:her|his|their|my) late (?:wife|husband|mother|"
        r"father|son|daughter|partner|brother|sister|mom|dad|spouse|friend)|(?:her|his|their|"
        r"the) ashes|urn\b|griev(?:e|ed|"
        r"es|ing)\b|grief|"
        r"bereave\w*|mourn\w*|funerals?|memorial (?:service|for)|widow(?:ed|er|s)?\b|"
        r"stillb(?:irth|orn)\w*|"
        r"miscarr\w*|pregnancy loss|infant loss|terminal(?:ly)? ill\w*|hospice|"
        r"end[- ]of[- ]life|obituar\w*|cemetery|burial|cremat\w*|"
        rf"lost {_POSSESSIVE} (?:\w+ )?{_RELATIVE}\b|loss of {_POSSESSIVE} (?:\w+ )?{_RELATIVE}\b",
        (_DTH,),
    ),
    # --- fifth round (2026-12-06): by class, without the category's words -------
    (
        r"tired of (?:existing|being alive|living|life|being here)|"
        r"(?:want|wants|wanted|wanting) (?:it|it all|everything|things|life) to (?:be over|end)\b|"
        r"(?:don't|doesn't|didn't|do not|does not|did not) care (?:if|whether) (?:she|he|they|i) "
        r"(?:lives?|dies?|wakes? up|makes? it|(?:her|his|their|my) heart stops)|"
        r"(?:use|using|used|turn|turning|turned) (?:it|the gun|the knife|a gun|a knife|the pills|"
        r"(?:his|her|their|my) (?:gun|knife|rifle|pistol)) on (?:herself|himself|themselves|"
        r"themself|myself)|"
        r"(?:dose|overdose|od|crash|fall|swerve) (?:wasn't|was not|was no|weren't) (?:an )?"
        r"accident|"
        r"(?:been|started|starts|keeps?|kept|began|begun|resumed|back to) cutting(?= *(?:[.,;!?]|"
        r"$|again|since|herself|himself|themselves|myself|at night|in secret|on (?:her|his|their|"
        r"my) (?:arms?|legs?|thighs?|wrists?|stomach)))",
        (_SUI,),
    ),
    (
        r"slap(?:s|ped|ping)? (?:her|him|them|me|a|his|their|my)\b|"
        r"(?:dragged|pulled|yanked) (?:[\w'-]+ ){0,5}by (?:the|her|his|their|my) hair|"
        r"carjack\w*|mugged|muggings?|"
        r"(?:was|were|got|get|gets|been|being) (?:punched|kicked|headbutted|slapped|shoved|choked|"
        r"beaten|stabbed|strangled|jumped|knocked (?:out|down|unconscious)) by (?:a|an|the|two|"
        r"three|some|another)(?! (?:step)?(?:parent|mother|father|mom|mum|dad|carer|caregiver|"
        r"guardian|grand\w+|foster)s?\b)|"
        r"beat(?:ing|s|en)? (?:[\w'-]+ ){0,3}(?:unconscious|senseless|to a pulp|bloody)|"
        r"threaten\w* with (?:a|an) (?:knife|gun|bat|machete|hammer|axe|weapon|broken bottle)|"
        r"(?:pulled|drew|waved|pointed) (?:a|an|his|her|their) (?:knife|gun|pistol|rifle|machete|"
        r"weapon) (?:on|at)\b|"
        r"shot in the (?:leg|arm|chest|back|head|stomach|face|neck|shoulder)",
        (_VIO,),
    ),
    (
        r"(?:old|former|ex-?) dealer'?s?|dealer'?s (?:block|house|flat|place|corner|number)|"
        r"(?:five|six|seven|eight|nine|ten|eleven|twelve|several|[5-9]|1\d) (?:or (?:six|seven|"
        r"eight|nine|ten|[6-9]|1\d) )?(?:drinks|beers|glasses of wine|pints|shots)\b|"
        r"(?:doesn't|don't|didn't|can't|couldn't|does not|did not|cannot|could not) (?:remember|"
        r"recall) (?:getting|driving|coming|walking|how (?:she|he|they|i) got) home|"
        r"benders?|microdos\w*|shrooms|magic mushrooms|"
        r"(?:was|were|been|got|being) drugged|drugged (?:at|in|by|her|him|them|me)\b|"
        r"(?:drink|drinks) (?:was|were|had been|got) spiked|roofie\w*|date[- ]rape drugs?|"
        # (diet pills bought online are an eating disorder's, below).
        r"(?:buy|buys|bought|buying|orders?|ordered|ordering|scores?|scored|scoring) "
        r"(?!diet pills)(?:[\w'-]+ )"
        r"{0,2}?(?:pills|stimulants|speed|uppers|downers|adderall|xanax|oxys?|percs|benzos|molly|"
        r"ecstasy|mdma) (?:from|online|off|on the street)\b|"
        r"stimulants (?:she|he|they|i) (?:buys?|bought|gets?|got|orders?|ordered) (?:online|from|"
        r"off)|(?:drank|drinks|drink) heavily|heavy drinkers?",
        (_SUB,),
    ),
    (
        r"bing(?:e|es|ed|eing|ing)(?: eat\w*)? (?:late|at night|in secret|secretly|on (?:food|"
        r"sweets|cereal|chips|crisps|bread|junk|snacks|whatever)|then|and (?:then )?(?:fast|"
        r"restrict|starv|purg|vomit))\w*|"
        r"then fast(?:s|ing|ed)? for (?:a|one|two|three|four|several|\d+) days?|"
        r"muscle dysmorphia|bigorexia|restricting to the point of|"
        r"(?:exercis\w*|runs?|running|rowing|cycling|workouts?|treadmill|rowing machine|gym) "
        r"(?:[\w'-]+ ){0,4}?(?:after|to (?:burn|work) off) (?:every|each|any) (?:meal|bite|"
        r"snack|calorie)|"
        r"(?:burn|burns|burning|work|works|working) off (?:every|each) (?:meal|calorie|bite)|"
        r"(?:throws?|throwing|threw) away (?:her|his|their|my) (?:packed )?(?:lunch|lunches|"
        r"dinners?|meals?|food)|lying about (?:having )?(?:eaten|eating|meals|what (?:she|he|they) "
        r"ate)|(?:layers|baggy clothes|baggy clothing) to hide (?:how thin|her body|his body|her "
        r"weight|his weight|the weight loss)",
        (_EAT,),
    ),
    # --- sixth round (2026-12-06): more of each class, from the retired 2026-12-06c/d/e
    # sets (development) -------------------------------------------------------
    (r"took (?:her|his|their|my) own li(?:fe|ves)", (_SUI, _DTH)),
    (
        r"no reason to (?:keep )?(?:trying to )?(?:live|go on|going|be here|keep living)|"
        r"carv(?:e|es|ed|ing) into (?:her|his|their|my) (?:hips?|arms?|legs?|thighs?|skin|stomach|"
        r"wrists?)|(?:doesn't|does not|don't|won't|will not) (?:plan|expect|intend) to see "
        r"(?:\d+|forty|fifty|sixty|next year|thirty)|"
        r"(?:she|he|they) cuts(?= *[.,;!?]| (?:again|herself|himself|themselves|instead))",
        (_SUI,),
    ),
    (
        r"(?:hit|punched|kicked|slapped|headbutted|elbowed|struck) (?:her |him |them |me )?in the "
        r"(?:face|head|chest|stomach|back|ribs|jaw|eye|mouth|groin)|"
        r"put (?:a|some|the|that|one|another) (?:guy|man|woman|person|kid|dude|stranger|coworker) "
        r"in the hospital|"
        r"grabbed (?:her|him|them|me) by the (?:throat|neck|hair)|"
        r"held (?:her|him|them|me) down|"
        r"broke (?:her|his|their|my|a stranger's|someone's|a man's|a woman's|a guy's) "
        r"(?:wrist|arm|leg|jaw|nose|ribs?|orbital(?: bone)?|collarbone|hand|fingers?|cheekbone)|"
        r"(?:hitting|hits|hit|punching|punches) (?:her|him|them|the other|each other|me) with "
        r"(?:closed |his |her |their )?fists|"
        r"(?:was|were|got|been|being) beaten\b(?! by (?:a |an |the |her |his |their |my )?(?:step)?"
        r"(?:parent|mother|father|mom|mum|dad|carer|caregiver|guardian|grand\w+|foster\w*)s?\b)"
        # ... not a child's beating "with a belt", which is abuse (below).
        r"(?! with (?:a |an |the )?(?:belt|switch|cord|extension cord|paddle|wooden spoon|hanger))|"
        r"(?:retaliatory |gang )?beatings\b|(?:knife|stab|gunshot|bullet) wounds?\b|"
        r"went after (?:\w+ ){0,3}with (?:a|an|his|her|their) (?:bat|baseball bat|knife|hammer|"
        r"machete|"
        r"axe|crowbar|tire iron)|tackled (?:a|the|his|her) (?:\w+ )?(?:student|kid|man|woman|guy|"
        r"person)|"
        r"physical altercations|tied (?:up (?:her|his|their|the) \w+|(?:her|him|them) up)",
        (_VIO,),
    ),
    (
        r"tallboys?|zooted|edibles|pregam(?:e|es|ed|ing)\b|nodding off|burnt spoons|"
        r"using (?:crystal|ice|tina)\b|(?:a little|some) ice\b(?= to| before| for|,)|"
        r"rolls? at (?:festivals|raves|parties|shows|concerts)|(?:was|got|getting|gets) wasted|"
        r"oxys?\b|(?:\d|three|four)(?:[-–]\d)? shots (?:at \d|before|every|in the morning)",
        (_SUB,),
    ),
    (
        r"forced (?:himself|herself|themselves) on (?:her|him|them|me)|forced sex|"
        r"made (?:her|him|them|me) (?:go down on|have sex|perform oral)|"
        r"pressured (?:her|him|them|me) (?:until|into) (?:she|he|they|i)? ?(?:gave in|had sex|"
        r"agreed)|"
        r"(?:has|had|having|have) sex with (?:her|him|them|me) while (?:she|he|they|i)"
        r"(?:'s|'re| was| were| is| are) (?:asleep|unconscious|passed out|blackout drunk)|"
        r"military sexual trauma",
        (_SEX,),
    ),
    (r"clergy (?:sexual )?abuse", (_ABU, _SEX)),
    (r"[\"“]did things[\"”] to (?:her|him|them|me)", (_ABU, _SEX)),
    (
        r"took advantage of (?:her|him|them|me) (?:while|when|after)|[\"“]took advantage[\"”]|"
        r"sane (?:nurse|exam|examiner|kit)|(?:rape|forensic) kit",
        (_SEX,),
    ),
    (r"wooden paddle|(?:was|were|got|been) paddled", (_ABU,)),
    (
        r"beating (?:a|the|some|this|that) (?:man|guy|woman|person|kid|stranger|dude)\b|"
        r"put a bullet in",
        (_VIO,),
    ),
    (
        r"(?:won't|will not|wont) be (?:anybody's|anyone's|a|your|their) (?:problem|burden) "
        r"(?:much )?(?:longer|anymore|for long)|[\"“]kms[\"”]",
        (_SUI,),
    ),
    (r"binge(?:-eating| eating)? episodes?", (_EAT,)),
    (
        r"(?:borrowing|borrows|taking|takes|using|uses|stealing|steals) (?:her|his|their|a) "
        r"(?:\w+'s )?(?:adderall|xanax|oxy\w*|ritalin|vyvanse|percocet|vicodin|klonopin)",
        (_SUB,),
    ),
    (
        r"(?:press\w*|held|holds?|put\w*) (?:a |her |his |the )?(?:hot |lit )?(?:curling iron|iron|"
        r"cigarettes?|lighter|spoon) (?:to|on|against|into) (?:her|his|their|my)\b|"
        r"kneel\w* on (?:uncooked |dry )?rice",
        (_ABU,),
    ),
    (
        r"(?:also|still|and|then|sometimes) cuts\b|"
        r"(?:fresh |new |healing )?(?:cuts|marks|scratches|burns) on (?:her|his|their|my) "
        r"(?:wrists?|forearms?|inner arms?|thighs?|hips?)",
        (_SUI,),
    ),
    (
        r"laxatives?\b(?! for constipation| as prescribed)|"
        r"(?:a|the|her|his|their|another|last|one|nightly) binges?\b(?! watch\w*| drink\w*|"
        r" on netflix)",
        (_EAT,),
    ),
    (
        r"(?:who|he|she|they) injects?\b|injects? (?:drugs|heroin|meth|fentanyl)|syringe services?"
        r"(?: program)?|needle exchange|"
        r"(?:tapering|detoxing|coming) (?:(?:himself|herself|themselves|"
        r"myself) )?off (?:\d+ ?mg of )?"
        r"(?:alprazolam|xanax|benzos?|klonopin|clonazepam|ativan|lorazepam|valium|diazepam|oxy\w*|"
        r"suboxone|methadone)(?! (?:with|under) (?:his|her|their|a) (?:prescriber|psychiatrist|"
        r"doctor))",
        (_SUB,),
    ),
    (
        r"(?:shaking|shook|shakes|jostl\w*) the (?:baby|infant|newborn)(?: hard)?|"
        r"sexuali[sz]ed (?:play|behaviou?rs?|scenes)|"
        r"locked (?:her|him|them) out of the house|called (?:her|him|them) worthless",
        (_ABU,),
    ),
    (
        r"throw(?:s|ing)? up after (?:meals|eating|dinner|lunch|breakfast|every meal)|"
        r"(?:to stay|staying|stays|keep(?:s|ing)? (?:herself|himself|themselves)) thin\b",
        (_EAT,),
    ),
    (
        r"(?:brother|sister|mother|father|son|daughter|wife|husband|partner|friend|mom|dad|"
        r"grandmother|grandfather|child|baby)'s (?:suicide|death|funeral|passing|overdose death)|"
        r"fatal (?:\w+ )?(?:overdose|crash|accident|heart attack|stroke)|"
        r"found (?:\w+ ){0,3}(?:deceased|dead)\b",
        (_DTH,),
    ),
    # Seventh round (retired blind set 2026-12-07a), by class: what writers describe
    # without the usual words.
    (
        r"(?:husband|wife|partner|boyfriend|girlfriend|spouse|ex)\b(?:\s+\w+){0,2}\s+"
        r"(?:forces|forced) (?:her |him |them |me )?(?:into )?sex|"
        r"forces sex on (?:her|him|them|me)|"
        r"(?:resident|patient)\b(?:\s+[\w-]+){0,4}\s+(?:was |were )?"
        r"(?:sexually (?:assaulted|abused)|raped|molested) by (?:a|an|the|her|his) "
        r"(?:[\w-]+ ){0,2}(?:aide|caregiver|carer|staff|nurse|orderly|attendant|worker)|"
        r"fondl\w* (?:the |several |two |three |young |little )?(?:children|kids|child|"
        r"students|toddlers|boys|girls|"
        r"(?:her|his|their) (?:daughter|son|niece|nephew|stepdaughter|stepson))",
        (_ABU, _SEX),
    ),
    (r"fondl(?:ed|ing|es)\b", (_SEX,)),
    (
        r"slash\w* (?:her|his|their|my) tires|"
        r"(?:threw|throws|thrown|shoved|slammed) (?:her|him|them|me) (?:against|into|onto|down) "
        r"(?:a|the)\b",
        (_ABU, _VIO),
    ),
    (
        r"home invasion|carjack\w*|(?:was|were|got|been) mugged|"
        r"swung (?:a|the|his|her) (?:chair|bat|fist|bottle|pipe|knife|tray) at|"
        r"in body bags?|left a bullet|"
        r"threaten\w* to (?:kill|stab|shoot|hurt|strangle) (?:staff|her|him|them|me|the|us|you|"
        r"everyone|someone)",
        (_VIO,),
    ),
    (
        r"so it (?:looks|looked|would look|'d look|’d look) like an accident|"
        # "would rather die than ...", "she'd rather die" (a contraction needs its subject:
        # cues start at a word).
        r"(?:(?:she|he|they|i|you|we)(?:'d|’d)|would) rather (?:die|be dead)\b|"
        r"intentional (?:\w+ )?ingestion|"
        r"pull\w* (?:out )?(?:her|his|their|my) (?:own )?(?:stitches|sutures|staples)",
        (_SUI,),
    ),
    (
        r"pressed (?:pills|percs|xanax|bars|blues|m30s?)|counterfeit (?:pills|percs|xanax|oxy\w*)|"
        r"(?:laced|cut) with fentanyl|fentanyl-laced|"
        r"a (?:handle|fifth|pint|case) (?:a|every|per|each) (?:day|night|\w+ days)",
        (_SUB,),
    ),
    (
        r"(?:buying|buys|bought) (?:her|his|their|a) (?:\w+'s |\w+’s )?(?:adderall|vyvanse|"
        r"ritalin|xanax|oxy\w*)",
        (_SUB,),
    ),
    # Seventh round, from the retired blind set 2026-12-07b.
    (
        r"(?:took|swallowed|downed|took in) (?:most|all|half|the rest) of (?:a |the |her |his |"
        r"their |my )?(?:bottle|box|pack|blister pack|month's supply|prescription) of "
        r"(?:her |his |their |my )?[\w-]+",
        (_SUI,),
    ),
    (
        r"(?:step ?father|step ?dad|stepbrother|father|dad|uncle|grandfather|grandpa|brother|"
        r"cousin|mom's boyfriend|boyfriend) (?:has been |had been |was |kept |keeps |started |"
        r"would (?:come|keep coming) )?(?:coming|came|comes|sneaking|sneaks|sneaked|creeping) "
        r"into (?:her|his|their|my) (?:bed)?room at night|"
        r"sextortion|extorted for (?:more|nudes|photos|pictures|images|videos)\b",
        (_ABU, _SEX),
    ),
    (
        r"lost (?:both |two |three |all |their |her |his |my |our |a )?(?:[\w-]+ ){0,3}to "
        r"(?:an overdose|overdoses|bad dope|a bad batch|fentanyl)\b",
        (_DTH, _SUB),
    ),
    (
        r"lost (?:both |two |three |all |their |her |his |my |our |a )?(?:[\w-]+ ){0,3}to "
        r"(?:cancer|leukemia|covid(?:-19)?|suicide|a stroke|a heart attack|"
        r"dementia|als|sids|a car (?:crash|accident)|the virus|the pandemic|complications)\b",
        (_DTH,),
    ),
    (
        r"dab (?:pens?|rigs?|carts?)|wax pens?|(?:high-potency|thc) (?:vapes?|carts?|pens?)|"
        r"\b(?:drinks|drank|drinking) and (?:then )?(?:gets|got|screams|screamed|yells|yelled|"
        r"hits|hit|drives|drove|rages|raged|throws|threw|passes out|passed out|becomes|became)",
        (_SUB,),
    ),
    (
        r"point(?:ed|s|ing)? (?:a |the |his |her |their |a loaded )?(?:gun|pistol|rifle|shotgun|"
        r"handgun|revolver|knife|it) at (?:his|her|their|my|the|someone|a|me|him|them|us)\b",
        (_VIO,),
    ),
    (
        r"(?:said|says|claims?|claimed|told me|insists?|insisted) (?:that )?(?:she|he|they) "
        r"[\"“]?(?:walked|ran|bumped|fell) into (?:a|the) (?:[\w-]+ )?(?:door|wall|cabinet|"
        r"doorframe|door frame|cabinet door)",
        (_ABU,),
    ),
    # Seventh round, from the retired blind set 2026-12-07c.
    (
        r"(?:bruis\w*|marks?) (?:around|on) (?:her|his|their) (?:neck|throat)",
        (_VIO,),
    ),
    (
        r"cut (?:him|her|them) down|tied (?:a |his |her )?(?:torn )?(?:sheet|bedsheet|belt|cord|"
        r"shoelaces?|towel) (?:to|around) (?:the|a|his|her)|"
        r"reopen\w* (?:(?:his|her|their|my) )?(?:sutured |stitched )?(?:[\w-]+ )?(?:wounds?|"
        r"incisions?|stitches|sutures|cuts)|"
        r"cutting (?:her|his|their|my) (?:hips|thighs|arms|wrists|legs|stomach|forearms|belly)|"
        r"swallowed (?:her|his|their) (?:mom's|mother's|dad's|father's|grandma's|grandmother's|"
        r"parents'|sister's|brother's|roommate's) [\w-]+|"
        r"left (?:a |farewell |goodbye )?notes? for (?:each of )?(?:them|us|his|her|their|the)",
        (_SUI,),
    ),
    (r"(?:garage|car) with the (?:car|engine|motor) running", (_SUI, _DTH)),
    (
        r"drinking games|\bBAC (?:of |was |at )?0?\.\d+|blood alcohol (?:level|content)|"
        r"(?:injecting|injected|injects|shooting|snorting|snorted|smoking) (?:crushed |his |her )?"
        r"(?:oxy\w*|opana|pills|percs?|dilaudid|morphine|fentanyl|heroin|meth|crack)",
        (_SUB,),
    ),
    (
        r"(?:aide|caregiver|staff member|nurse|orderly|attendant) (?:[\w-]+ ){0,6}(?:slapping|"
        r"hitting|striking|shoving|pinching|yanking|slapped|hit|struck|shoved|pinched|yanked) "
        r"(?:(?:and|or) (?:slapping|hitting|striking|shoving|pinching) )?(?:(?:a|the|her|his) )?"
        r"(?:residents?|patients?|clients?)|"
        r"keeps? (?:him|her|them) sedated|over-?medicat\w* (?:him|her|them)|"
        r"drugging (?:him|her|them)",
        (_ABU,),
    ),
    (
        r"lost (?:four|three|two|five|six|several|many|\d+) patients?\b"
        r"(?! to (?:follow|attrition|another|insurance|other))",
        (_DTH,),
    ),
    (
        r"no (?:period|periods|menses) (?:for|in) (?:a year|months|\d+ months|over a year)|"
        r"lost (?:her|their) period|amenorrh\w*",
        (_EAT,),
    ),
    # Seventh round, from the retired blind set 2026-12-07d.
    (
        r"no point in (?:being|staying) (?:around|alive|here)|(?:trying|wants?|wanted) to "
        r"disappear|(?:doesn't|does not|don't) care if (?:her|his|my|their) heart (?:gives out|"
        r"stops)|to see if (?:i|she|he|they)(?:'d|’d| would) wake up|"
        r"(?:a |her |his )?cut wrists?\b|slit (?:her|his|their|my) wrists?",
        (_SUI,),
    ),
    (r"drinking and cleaning (?:his|her|their|the) (?:gun|pistol|rifle|shotgun)", (_SUB, _SUI)),
    (
        r"drinking (?:only )?on an empty stomach|so it hits (?:faster|harder|quicker)|"
        r"blacked out (?:three|two|four|\d+|again|every|most) (?:weekends?|nights?|times)",
        (_SUB,),
    ),
    (r"diet pills|appetite suppressants?", (_EAT,)),
    (r"outlived (?:all|both|every|each) (?:of )?(?:her|his|their|my)?", (_DTH,)),
    (
        r"what (?:was|they|the soldiers|the men) (?:done|did) to (?:the )?(?:women|girls)",
        (_SEX,),
    ),
    (
        r"(?:found|left) (?:a |an |her |his |the )?(?:[\w-]+ )?alone (?:at home )?for (?:two|three|"
        r"four|several|\d+) (?:days|nights)",
        (_ABU,),
    ),
    (
        r"threaten\w* (?:mom|dad|her|him|his wife|her husband|them|the kids) with a (?:knife|gun|"
        r"bat|hammer)",
        (_ABU, _VIO),
    ),
    # Seventh round, from the retired blind set 2026-12-07e.
    (
        r"(?:wants?|pulls?|pulled|pulling) (?:the |her |his )?(?:ng|nasogastric|feeding) tube out|"
        r"eat when the voice",
        (_EAT,),
    ),
    (r"being sold (?:at|to|for|out of)\b", (_SEX,)),
    (
        r"touching (?:a|the|her|his) (?:[\w-]+ )?(?:resident|patient|client|child) sexually",
        (_ABU, _SEX),
    ),
    (
        r"stomp(?:ing|ed)? (?:on )?(?:another|a|the|him|her|them) (?:kid|boy|girl|man|guy)?|"
        r"curb-?stomp\w*|(?:a |the )?chair thrown at|threw a chair at|"
        r"put (?:him|her|them|you) in the ground",
        (_VIO,),
    ),
    (
        r"(?:outside|at) (?:his|her|their) ex'?s (?:apartment|house|home|work|job) with a "
        r"(?:baseball bat|bat|gun|knife|rifle)",
        (_ABU, _VIO),
    ),
    (
        r"drank (?:a (?:cup|bottle|glass) of )?(?:bleach|antifreeze|drain cleaner|lye)|"
        r"\bnoose\b|find a way out[\"”]? for good|"
        r"(?:a|his|her) plan for the (?:barn|garage|bridge|woods)",
        (_SUI,),
    ),
    (
        r"burns? (?:on (?:her|his|their) [\w-]+ )?shaped like|"
        r"(?:a story|stories|a tale) about (?:walking|running|bumping) into",
        (_ABU,),
    ),
    (
        r"(?:withdrew|withdrawing|withdrawal of|taken off|took (?:him|her) off) life support",
        (_DTH,),
    ),
    (r"(?:to )?bad dope|a bad batch", (_SUB,)),
    (
        r"(?:has been|had been|have been|was|kept|keeps|started|would come in and) touching "
        r"(?:her|him|them|me)\b(?! (?:base|on))|touched (?:her|him|them|me) (?:during|at night|"
        r"while (?:she|he|they|i) (?:slept|was asleep|were asleep))",
        (_SEX,),
    ),
    # Tenth round (stop 38), classes from the retired blind sets 2026-12-07r and -07s.
    # Concentrates by their street words: "does dabs", "dabbing".
    (
        r"(?:does|doing|did|hitting|hits|smokes|smoking) dabs|dabbing (?:every|daily|before|wax|"
        r"thc|weed)|"
        # Drunk, said of people: "both were wasted", "he got wasted" (not "a wasted session").
        r"(?:she|he|they|we|i|both|both of them|everyone|everybody|the two of them) "
        r"(?:was|were|got|gets|get|getting|had gotten) (?:completely |totally |so |really |"
        r"pretty )?(?:wasted|hammered|plastered|shitfaced|blackout drunk)|"
        r"(?:were|got) both (?:completely |totally |so |really |pretty )?(?:wasted|hammered|"
        r"plastered|shitfaced)",
        (_SUB,),
    ),
    (
        r"(?:someone|somebody|they|gang members|men) shot up (?:the |their |his |her |a )?"
        r"(?:front of )?(?:the |their |his |her |a )?(?:[\w'’-]+ )?(?:house|home|trailer|car|"
        r"apartment|porch|block|party)|"
        # Arson against a person's home: "her ex set the apartment on fire", "set fire to
        # the house".
        r"set (?:the|her|his|their|my|our) (?:house|home|apartment|trailer|car) on fire|"
        r"set fire to (?:the|her|his|their|my|our) (?:house|home|apartment|trailer|car)|"
        # An attack on a person on a unit or in a school: "went after a tech", "went after
        # staff".
        r"went after (?:a |the |another |one of the )?(?:staff(?: member)?|tech|nurse|peer|"
        r"kid|student|teacher|guard|officer|resident|aide|sitter|roommate|counselor|"
        r"classmate)s?\b",
        (_VIO,),
    ),
    # A death by fire, water or a wreck, without the word: "didn't make it out of the fire".
    (
        r"(?:didn't|did not|never|couldn't|could not) (?:make|made|get|got) (?:it )?out "
        r"(?:alive|of the (?:fire|flames|house|water|river|wreck|car|building|trailer))",
        (_DTH,),
    ),
    # A carer using while minding a child: "nodded off on heroin with the baby in the tub".
    (
        r"nodded off (?:[\w-]+ ){0,4}with (?:the|her|his|their|a) (?:baby|infant|toddler|"
        r"newborn|kids?|children)",
        (_ABU,),
    ),
]

# Capitalised abbreviations: "SI" is suicidal ideation, "si" is Spanish for yes.
_ABBREVIATIONS: list[tuple[str, tuple[str, ...]]] = [
    (r"SI/HI|SI/II|HI/SI", (_SUI, _VIO)),
    (r"IPV|DV", (_ABU, _VIO)),
    (r"CSAM", (_SEX,)),
    # Child sexual abuse and military sexual trauma, when the abbreviation is someone's history
    # ("disclosed CSA by an uncle", "hx of MST"), not a contract or multisystemic therapy.
    (
        r"CSA (?:by|from|at|in|survivor|history|hx|ages?)|(?:hx of|history of|disclosed|survivor "
        r"of|reports?|reported) CSA",
        (_ABU, _SEX),
    ),
    (
        r"(?:hx of|history of|survivor of|reports?|reported) MST|MST (?:during|in the|survivor)",
        (_SEX,),
    ),
    (r"SA'd|SA’d", (_SEX,)),
    (r"SI|NSSI|KMS", (_SUI,)),
    (
        r"(?:CPS|APS|DCFS|DHS) (?:report|call|case|investigation|referral|involvement|"
        r"was called|got involved)",
        (_ABU,),
    ),
    (r"OD'?d? (?:on purpose|deliberately|intentionally)", (_SUI,)),
    (r"OD'?d|OD|SUD|AUD|OUD|DUI|DWI|IVDU", (_SUB,)),
    (r"ARFID|OSFED|EDNOS|BMI (?:of|is|was|around|under) \d+", (_EAT,)),
    # An AUDIT score is a drinking screen's: "AUDIT of 27".
    (r"AUDIT(?:-C)? (?:of|score|was|is|=) ?\d+", (_SUB,)),
    (r"HI(?=\s*(?:with|without|w/|denied|present|\())", (_VIO,)),
    (r"SIDS", (_DTH,)),
]


_WORD_END = r"(?!\w)"


def _compile(terms: list[tuple[str, tuple[str, ...]]], flags: int = 0) -> re.Pattern[str]:
    alternatives = [f"(?P<t{index}>{fragment})" for index, (fragment, _) in enumerate(terms)]
    return re.compile(WORD_START + "(?:" + "|".join(alternatives) + ")" + _WORD_END, flags)


def _scanner(terms: list[tuple[str, tuple[str, ...]]]) -> LexiconScanner:
    """The same matches as _compile(terms), found faster (see lexicon_scan)."""
    return LexiconScanner(WORD_START, [fragment for fragment, _ in terms], _WORD_END)


def _group_categories(terms: list[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    return {f"t{index}": categories for index, (_, categories) in enumerate(terms)}


# The lexicon is written in lower case and run on the lower-cased post: a
# case-sensitive scan is several times faster than re.IGNORECASE. Posts whose
# length changes when lower-cased (a handful of Unicode letters) take the
# IGNORECASE path so that offsets stay true.
_CUE_SCANNER = _scanner(_TERMS)


@cache
def _cue_re_ignorecase() -> re.Pattern[str]:
    # Compiled on first use: few posts need it, and compiling it was a third of the
    # module's import (score_posts' cold start).
    return _compile(_TERMS, re.IGNORECASE)


_CUE_CATEGORIES = _group_categories(_TERMS)
_ABBREVIATION_SCANNER = _scanner(_ABBREVIATIONS)
_ABBREVIATION_CATEGORIES = _group_categories(_ABBREVIATIONS)

# A negation in the same clause, at most about four words before the cue.
_NEGATION_RE = re.compile(
    r"\b(?:no|denie[sd]|denying|den(?:y|ial of)|without|not|never|negative for|"
    r"rule[sd] out|r/o|nor|absence of|free (?:of|from))\b"
    r"(?:(?!\b(?:but|and|although|though|however|except|yet)\b)[^,;.!?\n]){0,32}$|"
    # A clinical denial covers its list ("denies SI, HI or self-harm") up to a clause word.
    r"\b(?:denie[sd]|denying|negative for|no (?:history|hx) of)\b"
    r"(?:(?!\b(?:but|although|though|however|except|yet|now|today)\b)[^;.!?\n]){0,60}$"
)
_NOT_NEGATION_RE = re.compile(
    r"\b(?:no longer|not only|never again|not sure|not just|no one|no matter|no doubt|"
    r"not because|not until)\b"
)


def _negated(source: str, start: int) -> bool:
    # Lower-casing a 40-character window is cheap and keeps the rare posts
    # that could not be lower-cased as a whole on the same rule.
    window = source[max(0, start - 70) : start].lower()
    match = _NEGATION_RE.search(window)
    if match is None:
        return False
    # "no longer cutting" and "not only relapsed" still discuss the topic.
    return _NOT_NEGATION_RE.search(window, match.start(), match.start() + 12) is None


def find_warning_cues(text: str) -> list[WarningMatch]:
    """Every cue in `text` with its category, sorted by position then category."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[WarningMatch], list[tuple[int, int]]]:
    """The cues of `text`, and the spans of the senses that mean nothing here ("killed
    it", "the 988 Suicide and Crisis Lifeline", "deadline"): the model reads the text
    without them (`model_text`)."""
    if not text or not isinstance(text, str):
        return [], []
    lower = text.lower()
    if len(lower) == len(text):
        matches = _CUE_SCANNER.finditer(lower)
    else:
        matches = _cue_re_ignorecase().finditer(text)
        lower = text
    found: list[WarningMatch] = []
    neutral: list[tuple[int, int]] = []
    for regex_matches, categories_of in (
        (matches, _CUE_CATEGORIES),
        (_ABBREVIATION_SCANNER.finditer(text), _ABBREVIATION_CATEGORIES),
    ):
        for match in regex_matches:
            categories = categories_of[match.lastgroup or ""]
            if not categories:
                neutral.append((match.start(), match.end()))
                continue
            if _negated(lower, match.start()):
                continue
            # An abbreviation inside a sense that means nothing ("an outpatient SUD program"
            # in a billing question) goes with it.
            if neutral and any(s <= match.start() < e for s, e in neutral):
                continue
            for category in categories:
                found.append(
                    WarningMatch(
                        category, match.start(), match.end(), text[match.start() : match.end()]
                    )
                )
    found.sort(key=lambda cue: (cue.start, cue.category))
    return found, neutral


def lexicon_categories(text: str) -> list[str]:
    """The sorted categories the lexicon alone finds (training labels its silver data so)."""
    return sorted({cue.category for cue in find_warning_cues(text)})


# Lexicon cues that are often figurative ("this is killing me", "shoot me an email"):
# they count only when the model also sees the category (probability >= WEAK_CUE_SUPPORT).
_WEAK_CUES = frozenset(
    {
        "kill",
        "kills",
        "killing",
        "punch",
        "punched",
        "punches",
        "punching",
        "murdering",
        "attack",
        "attacked",
        "attacking",
        "attacks",
    }
)
WEAK_CUE_SUPPORT = 0.2
# "Assault" after a sexual-violence cue is the sexual assault ("after the assault"), not a
# second, violence, warning: alone it does not add violence to a post that has one.
_ASSAULT_CUES = frozenset(
    # ... nor does the weapon or the attack of that same assault (fourth round).
    {"assault", "assaults", "assaulted", "assaulting", "knifepoint", "knife point", "gunpoint"}
)
# An intentional overdose of a medication is suicide and self-harm, and substance use only
# when alcohol or a drug of abuse is named by its own cue (issue 20's convention): beside a
# self-poisoning cue the words "overdose"/"OD" and the model's call alone do not add it.
_SELF_POISONING_RE = re.compile(
    r"overdos|pills?\b|tablets|swallow|ingest|took|bottle|box|pack|dose|poison|stockpil|meds\b|"
    r"medication|supply|prescription"
)
# Violence by an intimate partner is also abuse (issue 20's convention: domestic and
# intimate partner violence are both): a partner named shortly before a violence cue.
_PARTNER_BEFORE_RE = re.compile(
    r"\b(?:boyfriend|girlfriend|husband|wife|partner|fianc[eé]e?|ex|ex-\w+)\b(?:'s)?[^.!?;]{0,60}$"
)
# Sexual violence against an adult by someone who is not family or a partner is not abuse
# (issue 20's convention: sexual abuse of a child is both). Beside a sexual-violence call,
# the model's abuse call alone counts only when the post names a child, an age, family, a
# partner or a carer.
_CHILD_FAMILY_CARE_RE = re.compile(
    r"\b(?:child\w*|kids?|girls?|boys?|sons?|daughters?|teen\w*|minors?|adolescen\w*|infants?|"
    r"toddlers?|bab(?:y|ies)|nieces?|nephews?|uncles?|aunts?|step\w+|fathers?|mothers?|dads?|"
    r"moms?|mums?|parents?|grand\w+|brothers?|sisters?|cousins?|coach\w*|teachers?|priests?|"
    r"pastors?|babysitters?|foster\w*|husbands?|wife|wives|partners?|boyfriends?|girlfriends?|"
    r"carers?|caregivers?|guardians?|residents?|school\w*|pupils?|students?|scouts?|youth|"
    r"year-?olds?|yo|y/o|age[sd]?|aged|years old|young|little|small|incest\w*|elder\w*)\b|"
    r"\b(?:at|from) (?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen)\b"
)
# A weapon a partner owns is no act of violence by the partner (fifth round: "her ex has a
# gun in the house" is a means to ask about, not partner abuse).
_WEAPON_WORDS = frozenset({"gun", "guns", "firearm", "firearms", "weapon", "weapons"})
_MEANS_WEAPONS = _WEAPON_WORDS | {
    "handgun",
    "handguns",
    "pistol",
    "pistols",
    "rifle",
    "rifles",
    "shotgun",
    "shotguns",
    "revolver",
}
_PARTNER_HARMED_RE = re.compile(r"[^.!?;]*?\b(?:was|were|got|been|is being)\s*$")
_CARER_RE = re.compile(
    r"\b(?:nursing home|care home|assisted living|memory care|(?:home health |nurse'?s? )?aides?|"
    r"daycare|day care|foster (?:parents?|mom|dad|mother|father|home)|"
    r"babysitters?|nann(?:y|ies))\b"
)
_DRUGGED_CUES = frozenset({"drugged", "was drugged", "were drugged", "got drugged"})
_DRINKING_RE = re.compile(r"\b(?:drinks?|drinking|drank|bar|club|shots|alcohol|drunk|wine|beer)\b")
_MODEL_WORD_RE = re.compile(r"[^\W\d_]{2,}")
MODEL_MIN_WORDS = 3
# ... and alcohol or a street drug named in the same post makes it substance use too (the
# self-poisoning cue can take the words "with vodka" into its own match).
_ALCOHOL_OR_DRUG_RE = re.compile(
    r"\b(?:vodka|whiske?y|gin|rum|wine|beer|cider|lager|alcohol|booze|liquor|tequila|spirits|"
    r"heroin|cocaine|crack|meth|fentanyl|street drugs?|drunk)\b"
)
_OVERDOSE_WORD_RE = re.compile(r"(?:overdos\w*|od'?d?)")


def assess(text: str) -> dict[str, float]:
    """Each category the text calls for, with the detector's confidence (0-1)."""
    return assess_many([text])[0]


def assess_many(texts: list[str], *, hashes: BatchHashes | None = None) -> list[dict[str, float]]:
    """For each text, the categories it calls for with a confidence (0-1): one piece of
    evidence 0.5, two 0.75, three 0.875, ..., where each distinct lexicon cue is one
    (figurative-prone cues only with the model's support) and the content-warning
    model's call (its probability at or above its category's threshold, on the text
    without the senses that mean nothing here) is one, so the model alone calls for a
    category. `hashes`: the screening batch's term hashes, shared with the incivility
    model (detectors.hashed_text.BatchHashes)."""
    if not texts:
        return []
    model = load_model()
    scans = [_scan(t) if isinstance(t, str) else ([], []) for t in texts]
    read = [_model_text(t, neutral) for t, (_, neutral) in zip(texts, scans, strict=True)]
    probabilities = model.probabilities(read, hashes)
    # A text of one or two words once the senses that mean nothing are blanked ("Her  ."
    # from "Her pitch ... was killed in committee.") is all intercept and one feature to
    # the model: it casts no call there.
    for index, (text, (_, neutral)) in enumerate(zip(read, scans, strict=True)):
        if (neutral or len(text) < 40) and len(_MODEL_WORD_RE.findall(text)) < MODEL_MIN_WORDS:
            probabilities[index] = 0.0
    results = []
    for text, (cues, _), row in zip(texts, scans, probabilities, strict=True):
        by_model = dict(zip(model.categories, row.tolist(), strict=True))
        distinct: dict[str, set[str]] = {}
        for cue in cues:
            word = cue.text.lower()
            if word in _WEAK_CUES and by_model.get(cue.category, 0.0) < WEAK_CUE_SUPPORT:
                continue
            distinct.setdefault(cue.category, set()).add(word)
        model_calls = {c for c in CATEGORIES if by_model.get(c, 0.0) >= model.thresholds[c]}
        if any(
            cue.category == _SUI and _SELF_POISONING_RE.search(cue.text.lower()) for cue in cues
        ):
            kept = {w for w in distinct.get(_SUB, ()) if not _OVERDOSE_WORD_RE.fullmatch(w)}
            if _ALCOHOL_OR_DRUG_RE.search(text.lower()):
                kept.add("alcohol or a drug with the overdose")
            distinct.pop(_SUB, None)
            if kept:
                distinct[_SUB] = kept
            else:
                model_calls.discard(_SUB)
        if _ABU not in distinct and _VIO in distinct:
            for cue in cues:
                partner = (
                    _PARTNER_BEFORE_RE.search(text[max(0, cue.start - 80) : cue.start].lower())
                    if cue.category == _VIO and cue.text.lower() not in _WEAPON_WORDS
                    else None
                )
                # ... unless the partner is the one harmed ("her husband was killed in a
                # robbery").
                harmed = partner is not None and (
                    (
                        _PARTNER_HARMED_RE.match(partner.group()) is not None
                        and not cue.text.lower().split()[0].endswith("ing")  # "has been hitting"
                    )
                    or cue.text.lower().startswith(("was ", "were ", "got "))  # "was shot"
                )
                if partner and not harmed:
                    distinct[_ABU] = {"partner violence"}
                    break
        sexual = _SEX in distinct or _SEX in model_calls
        if (
            sexual
            and _ABU in model_calls
            and _ABU not in distinct
            and not _CHILD_FAMILY_CARE_RE.search(text.lower())
        ):
            model_calls.discard(_ABU)
        if sexual and all(
            word in _ASSAULT_CUES or word.startswith("assault") for word in distinct.get(_VIO, ())
        ):
            distinct.pop(_VIO, None)
        # Drugged in order to be assaulted is the assault's means, not the client's use,
        # unless the post speaks of drinking too ("at a bar", "after two drinks").
        if (
            sexual
            and _SUB in distinct
            and distinct[_SUB] <= _DRUGGED_CUES
            and not _DRINKING_RE.search(text.lower())
        ):
            distinct.pop(_SUB)
            model_calls.discard(_SUB)
        # Physical abuse by a paid or institutional carer (an aide, a nursing home, a daycare,
        # a foster parent) is abuse alone (issue 20's convention: violence is added for
        # assault between adults; an adult son who is his father's carer and shoves him is
        # both).
        if (
            _VIO in distinct
            and (_ABU in distinct or _ABU in model_calls)
            and _CARER_RE.search(text.lower())
            and not _PARTNER_BEFORE_RE.search(text.lower())
        ):
            distinct.pop(_VIO)
            model_calls.discard(_VIO)
        # A gun kept, bought or given up in a post about suicide is the means to ask about
        # (means counselling, a lock box), not violence to anyone.
        if (
            _VIO in distinct
            and (_SUI in distinct or _SUI in model_calls)
            and all(word.split()[-1] in _MEANS_WEAPONS for word in distinct[_VIO])
        ):
            distinct.pop(_VIO)
            model_calls.discard(_VIO)
        # The model's call counts as one more piece of evidence on the lexicon's scale, so
        # the confidence means the same whatever the model's calibration: the model alone
        # 0.5, the model and one cue 0.75, ... (the hold threshold, 0.9, takes four).
        found: dict[str, float] = {}
        for category in CATEGORIES:
            evidence = len(distinct.get(category, ())) + (category in model_calls)
            if evidence:
                found[category] = 1.0 - 0.5**evidence
        results.append(dict(sorted(found.items())))
    return results


def warnings_called_for(text: str) -> list[str]:
    """The sorted, unique categories the text calls for."""
    return sorted(assess(text))


def missing_warnings(text: str, declared: list[str] | None) -> list[str]:
    """Categories the text calls for that the author did not declare.

    `None` means no declaration is on record, so the rule does not apply and
    nothing is reported; `["none"]` is an explicit "no warnings", so every
    called-for category is missing.
    """
    if declared is None:
        return []
    declared_set = {value for value in declared if value != NONE_DECLARED}
    return [category for category in warnings_called_for(text) if category not in declared_set]


def model_text(text: object) -> str:
    """The text as the content-warning model reads it (training reads it so too)."""
    if not isinstance(text, str):
        return ""
    return _model_text(text, _scan(text)[1])


def _model_text(text: object, neutral: list[tuple[int, int]]) -> str:
    """The text as the model reads it: the senses that mean nothing here blanked out,
    bounded, control characters out."""
    if not isinstance(text, str):
        return ""
    if neutral:
        parts, position = [], 0
        for start, end in neutral:
            parts.append(text[position:start])
            parts.append(" ")
            position = end
        parts.append(text[position:])
        text = "".join(parts)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text[:20_000]
