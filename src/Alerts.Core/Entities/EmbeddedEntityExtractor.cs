namespace Alerts.Entities;

/// <summary>
/// The offline extractor: finds people, places, organisations, dates and quantities without a service. Capitalised
/// runs of words are the candidates; gazetteers, titles ("President", "Secretary-General"), organisation and place
/// cue words ("Ministry", "Airport", "the town of"), speech verbs and acronym definitions decide what each is; a bare
/// surname later in the story is the person named in full earlier. Dates and quantities come from patterns.
/// </summary>
public sealed class EmbeddedEntityExtractor : IEntityExtractor
{
    public const string Name = "embedded";

    private readonly Gazetteer _gazetteer = Gazetteer.Default;

    public Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new EntityExtraction { Entities = Extract(text), Extractor = Name });
    }

    /// <summary>The entities of <paramref name="text"/>, in order, none overlapping another.</summary>
    public IReadOnlyList<Entity> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pass = new Pass(text, _gazetteer);
        pass.Run();
        return pass.Result();
    }

    private sealed class Pass(string text, Gazetteer gazetteer)
    {
        private readonly List<NameToken> _tokens = NameRuns.Tokenize(text);
        private readonly List<Entity> _names = [];
        private readonly List<(int First, int Count)> _pending = [];
        private readonly Dictionary<string, string> _personAliases = new(StringComparer.Ordinal);
        private readonly HashSet<string> _eventAliases = new(StringComparer.Ordinal);
        // Names already decided to be an organisation or a place: a later bare mention is the same thing ("White Falcon").
        private readonly Dictionary<string, (string Category, string? Subcategory)> _decided = new(StringComparer.Ordinal);
        // Runs cut from "Brahma Chellaney of the Center for Policy Research": the capitals after them are the organisation's.
        private readonly HashSet<int> _beforeTheirOrganization = [];

        public void Run()
        {
            foreach (var (first, count) in JoinedByAnd(NameRuns.Find(text, _tokens)).SelectMany(r => Pieces(r.First, r.Count)))
            {
                var (f, c) = (first, count);
                // "The", "Within", "Authorities": openers, not names, unless the gazetteer knows them.
                while (c > 0 && (CueWords.CommonWords.Contains(_tokens[f].Text) || CueWords.RunBreakers.Contains(_tokens[f].Text)) && !Known(f, 1))
                {
                    f++;
                    c--;
                }
                // "Soldiers of the 588th Brigade Engineer Battalion": the plural noun and its "of" are not in the name.
                while (c > 2 && CueWords.GenericPlurals.Contains(_tokens[f].Text) && _tokens[f + 1].Text == "of")
                {
                    var skip = _tokens[f + 2].Text == "the" ? 3 : 2;
                    f += skip;
                    c -= skip;
                }
                // "91st Cavalry Regiment June 19", "U.S. Army Photo by …": a date or a credit word after a name is not in it.
                while (c > 1 && (CueWords.CommonWords.Contains(_tokens[f + c - 1].Text) || CueWords.CreditWords.Contains(_tokens[f + c - 1].Text))
                    && !CueWords.OrganizationTails.Contains(_tokens[f + c - 1].Text) && !Known(f, c))
                {
                    c--;
                }
                if (c > 0)
                {
                    Segment(f, c);
                }
            }
            // Two rounds: a person found by a speech verb gives an alias that a later bare surname needs.
            for (var round = 0; round < 2; round++)
            {
                var still = new List<(int, int)>();
                foreach (var run in _pending)
                {
                    if (!Resolve(run.First, run.Count, final: round == 1))
                    {
                        still.Add(run);
                    }
                }
                _pending.Clear();
                _pending.AddRange(still);
            }
        }

        public IReadOnlyList<Entity> Result()
        {
            var all = MergeUnits(_names.OrderBy(e => e.Offset).ToList());
            var taken = all.Select(e => (e.Offset, End: e.Offset + e.Length)).ToList();
            foreach (var e in TemporalAndNumericPatterns.Find(text))
            {
                var end = e.Offset + e.Length;
                if (taken.Exists(t => e.Offset < t.End && t.Offset < end))
                {
                    continue;
                }
                taken.Add((e.Offset, end));
                all.Add(e);
            }
            return [.. WithDistrict(all.OrderBy(e => e.Offset).ToList())];
        }

        /// <summary>
        /// "U.S. Customs and Border Protection", "Border and Migration Police": a run joined by "and" to a run that ends
        /// like an organisation is one name, unless the first run ends like one too ("the Army and Navy" are two).
        /// </summary>
        private List<(int First, int Count)> JoinedByAnd(List<(int First, int Count)> runs)
        {
            var joined = new List<(int First, int Count)>();
            foreach (var run in runs)
            {
                if (joined.Count > 0)
                {
                    var (pf, pc) = joined[^1];
                    var pl = pf + pc - 1;
                    var rl = run.First + run.Count - 1;
                    if (run.First == pl + 2 && _tokens[pl + 1].Text == "and" && OnlySpace(_tokens[pl].End, _tokens[pl + 1].Start)
                        && OnlySpace(_tokens[pl + 1].End, _tokens[run.First].Start)
                        && CueWords.OrganizationTails.Contains(TailWord(_tokens[rl].Text)) && !CueWords.OrganizationTails.Contains(TailWord(_tokens[pl].Text))
                        && !Known(pf, pc) && !gazetteer.TryLookup(_tokens[pl].Text, out _) && !IsTitleHeadAt(rl)
                        && !CueWords.LetteredUnits.Contains(_tokens[rl].Text))
                    {
                        joined[^1] = (pf, rl - pf + 1);
                        continue;
                    }
                }
                joined.Add(run);
            }
            return joined;
        }

        /// <summary>
        /// Where a run holds more than one name: at a capitalised closed-class word ("Alberto Fujimori On Thursday"),
        /// before an aircraft or ship designator ("12th Combat Aviation Brigade UH-60 Black Hawk"), and between two units
        /// joined by "of the" ("839th Transportation Battalion of the 598th Transportation Brigade").
        /// </summary>
        private IEnumerable<(int First, int Count)> Pieces(int first, int count)
        {
            if (Known(first, count))
            {
                yield return (first, count);
                yield break;
            }
            var start = first;
            var end = first + count;
            for (var i = first + 1; i < end; i++)
            {
                var t = _tokens[i].Text;
                if (CueWords.RunBreakers.Contains(t))
                {
                    if (i > start)
                    {
                        yield return (start, i - start);
                    }
                    start = i + 1;
                }
                else if (IsDesignator(t) && i > start && !IsDesignator(_tokens[i - 1].Text))
                {
                    yield return (start, i - start);
                    start = i;
                }
                else if (t == "of" && i - start is 2 or 3 && PersonOfOrganization(start, i, end))
                {
                    // "Brahma Chellaney of the Center for Policy Research": a person and where they work.
                    _beforeTheirOrganization.Add(start);
                    yield return (start, i - start);
                    start = i + 1 < end && _tokens[i + 1].Text == "the" ? i + 2 : i + 1;
                    i = start;
                }
                else if (t == "of" && i > start && CueWords.UnitTails.Contains(_tokens[i - 1].Text))
                {
                    var next = i + 1 < end && _tokens[i + 1].Text == "the" ? i + 2 : i + 1;
                    if (next < end && NameToken.IsOrdinal(_tokens[next].Text))
                    {
                        yield return (start, i - start);
                        start = next;
                        i = next;
                    }
                }
            }
            if (start < end)
            {
                yield return (start, end - start);
            }
        }

        private bool PersonOfOrganization(int start, int of, int end)
        {
            var org = of + 1 < end && _tokens[of + 1].Text == "the" ? of + 2 : of + 1;
            if (org >= end || !(CueWords.OrganizationHeads.Contains(_tokens[org].Text) || CueWords.OrganizationTails.Contains(_tokens[org].Text)))
            {
                return false;
            }
            for (var k = start; k < of; k++)
            {
                var w = _tokens[k].Text;
                if (!char.IsUpper(w[0]) || Gazetteer.IsAllCaps(w) || CueWords.TitleHeads.Contains(w) || CueWords.TitleModifiers.Contains(w)
                    || CueWords.OrganizationTails.Contains(w) || CueWords.NotPersonWords.Contains(w) || gazetteer.TryLookup(w, out _) || gazetteer.IsDemonym(w))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>"UH-60", "C-130", "LHD-6", "F-16": an aircraft, vehicle or ship type or hull number, not an organisation.</summary>
        private static bool IsDesignator(string word)
        {
            var hyphen = word.IndexOf('-', StringComparison.Ordinal);
            if (hyphen is < 1 or > 3 || hyphen + 1 >= word.Length)
            {
                return false;
            }
            for (var k = 0; k < hyphen; k++)
            {
                if (!char.IsAsciiLetterUpper(word[k]))
                {
                    return false;
                }
            }
            var digits = 0;
            var p = hyphen + 1;
            while (p < word.Length && char.IsAsciiDigit(word[p]))
            {
                p++;
                digits++;
            }
            return digits is >= 1 and <= 3 && (p == word.Length || (p == word.Length - 1 && char.IsAsciiLetterUpper(word[p])));
        }

        /// <summary>"Force-82", "Group-East": the word a name ends with, without a number or compass point hung on it.</summary>
        private static string TailWord(string word)
        {
            var hyphen = word.LastIndexOf('-');
            if (hyphen <= 0)
            {
                return word;
            }
            var suffix = word[(hyphen + 1)..];
            return suffix.All(char.IsAsciiDigit) || suffix is "East" or "West" or "North" or "South" or "Central" ? word[..hyphen] : word;
        }

        private void Segment(int first, int count)
        {
            var last = first + count - 1;
            // "U.S. personnel", "UN peacekeepers": a country used as an adjective is not the place.
            if (count == 1 && CueWords.AdjectivalCountries.Contains(_tokens[first].Text) && AdjectiveBefore(last))
            {
                return;
            }
            if (Lookup(first, count) is { } known)
            {
                Emit(first, count, known.Category, known.Subcategory, 0.9);
                return;
            }
            // "KHARTOUM, Sudan (VOA) —", "CAMP BONDSTEEL, Kosovo": a dateline in capitals is a place, not an acronym.
            if (InDateline(first, last))
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.7);
                return;
            }
            if (ProductAt(first, count))
            {
                Emit(first, count, EntityCategory.Product, null, 0.7);
                return;
            }
            var head = _tokens[first].Text;
            var tail = TailWord(_tokens[last].Text);
            // "Operation Atlantic Resolve", "Hurricane Maria", "Exercise Trident Juncture": events; the name alone later is too.
            if (count > 1 && CueWords.EventHeads.Contains(head) && !CueWords.OrganizationTails.Contains(tail))
            {
                Emit(first, count, EntityCategory.Event, null, 0.75);
                _eventAliases.Add(Text(first + 1, count - 1));
                return;
            }
            if (count > 1 && CueWords.EventTails.Contains(tail))
            {
                Emit(first, count, EntityCategory.Event, null, 0.7);
                return;
            }
            // "Company C", "Troop B", "Alpha Company": a company-level sub-unit, named only with the unit it belongs to.
            if (count == 2 && ((CueWords.LetteredUnits.Contains(head) && _tokens[last].Text.TrimEnd('.').Length == 1)
                || (head.Length == 1 && tail == "Co.") || (CueWords.PhoneticLetters.Contains(head) && CueWords.LetteredUnits.Contains(tail))))
            {
                return;
            }
            if (PlaceHeadLength(first, count) is > 0 and var placeHead && count > placeHead)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.Structural, 0.75);
                return;
            }
            if (CueWords.StructuralTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.Structural, 0.8);
                return;
            }
            if (CueWords.GeographicalTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.Geographical, 0.8);
                return;
            }
            if (CueWords.OrganizationTails.Contains(tail) && count > 1 && !IsTitleHeadAt(last))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.8);
                return;
            }
            // "Prince George's County": a county named after someone is a place, whatever title the name holds.
            if (count > 1 && CueWords.AdministrativeTails.Contains(tail) && text[_tokens[last - 1].End] is '\'' or '’')
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.75);
                return;
            }
            if (TitleSpan(first, count) is { } title)
            {
                SplitAtTitle(first, count, title.Start, title.End);
                return;
            }
            // "Department of State", "Center for Policy Research": an organisation named after what it serves.
            if (count > 2 && (CueWords.OrganizationHeads.Contains(head) || CueWords.OrganizationTails.Contains(head)) && _tokens[first + 1].Text is "of" or "for")
            {
                Emit(first, count, EntityCategory.Organization, null, 0.75);
                return;
            }
            if (CueWords.AdministrativeTails.Contains(tail) && count > 1)
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.8);
                return;
            }
            if (CueWords.OrganizationHeads.Contains(head) && count > 1)
            {
                Emit(first, count, EntityCategory.Organization, null, 0.75);
                return;
            }
            if (gazetteer.IsDemonym(tail) || (tail.Length > 4 && tail[^1] == 's' && gazetteer.IsDemonym(tail[..^1])))
            {
                return; // "Kazakh", "Central Asian", "Crimean Tatars": adjectives and peoples, not names
            }
            // "U.S. Soldiers", "UN peacekeepers": the country is an adjective; the rest is what may be a name.
            if (CueWords.AdjectivalCountries.Contains(head))
            {
                // "U.S. Agency for International Development", "U.S. Army Central": the country belongs to the name.
                if (count > 1 && CueWords.OrganizationHeads.Contains(_tokens[first + 1].Text))
                {
                    Emit(first, count, EntityCategory.Organization, null, 0.75);
                    return;
                }
                if (count > 1)
                {
                    Segment(first + 1, count - 1);
                    return;
                }
                if (last + 1 < _tokens.Count && !_tokens[last + 1].Capitalised && OnlySpace(_tokens[last].End, _tokens[last + 1].Start)
                    && !CueWords.CommonWords.Contains(_tokens[last + 1].Text))
                {
                    return;
                }
            }
            // "George Washington": a run opened by a common given name is a person, even when a place shares the surname.
            if (count is 2 or 3 && gazetteer.IsGivenName(head) && NameLikeAfterGazetteer(first, count) && !HasNotPersonWord(first, count))
            {
                EmitPerson(first, count, 0.6);
                return;
            }
            if (count > 1 && SplitByGazetteer(first, count))
            {
                return;
            }
            _pending.Add((first, count));
        }

        /// <summary>"U.S. Secretary of State Antony Blinken": the place, the title, then the person.</summary>
        private void SplitAtTitle(int first, int count, int titleStart, int titleEnd)
        {
            var last = first + count - 1;
            if (titleStart > first && !AllDemonyms(first, titleStart - first))
            {
                Segment(first, titleStart - first);
            }
            var head = _tokens[titleStart].Text;
            if (!(titleEnd == titleStart + 1 && head is "Mr." or "Mrs." or "Ms." or "Dr."))
            {
                Emit(titleStart, titleEnd - titleStart, EntityCategory.PersonType, null, 0.8);
            }
            if (titleEnd <= last)
            {
                var rest = last - titleEnd + 1;
                if (Lookup(titleEnd, rest) is { } known)
                {
                    Emit(titleEnd, rest, known.Category, known.Subcategory, 0.9);
                }
                else if (CueWords.NameConnectors.Contains(_tokens[titleEnd].Text))
                {
                    // "Chief of Party ACDIL VOCA": what follows "of" is what the title is of, not a person.
                    if (rest > 1)
                    {
                        Segment(titleEnd + 1, rest - 1);
                    }
                }
                else if (AllCaps(titleEnd, rest) && rest > 1)
                {
                    Emit(titleEnd, rest, EntityCategory.Organization, null, 0.6);
                }
                else
                {
                    EmitPerson(titleEnd, rest, 0.85);
                }
            }
        }

        /// <summary>A run of two known names, or a known name and more: "Kazakhstan Almaty" is two places.</summary>
        private bool SplitByGazetteer(int first, int count)
        {
            var found = false;
            var i = first;
            var end = first + count;
            var leftover = -1;
            while (i < end)
            {
                var matched = 0;
                for (var n = Math.Min(gazetteer.MaxWords + 2, end - i); n >= 1; n--)
                {
                    if (Lookup(i, n) is { } known)
                    {
                        if (leftover >= 0)
                        {
                            var stop = i;
                            while (stop > leftover && CueWords.NameConnectors.Contains(_tokens[stop - 1].Text))
                            {
                                stop--;
                            }
                            if (stop > leftover)
                            {
                                _pending.Add((leftover, stop - leftover));
                            }
                            leftover = -1;
                        }
                        Emit(i, n, known.Category, known.Subcategory, 0.85);
                        matched = n;
                        found = true;
                        break;
                    }
                }
                if (matched == 0)
                {
                    if (leftover < 0 && !CueWords.NameConnectors.Contains(_tokens[i].Text))
                    {
                        leftover = i;
                    }
                    i++;
                }
                else
                {
                    i += matched;
                }
            }
            if (found && leftover >= 0)
            {
                // "Peace for Colombia": the connector belongs to neither name.
                var stop = end;
                while (stop > leftover && CueWords.NameConnectors.Contains(_tokens[stop - 1].Text))
                {
                    stop--;
                }
                if (stop > leftover)
                {
                    _pending.Add((leftover, stop - leftover));
                }
            }
            return found;
        }

        /// <summary>What a run that no cue inside it decided is, from what is around it; false to try again later.</summary>
        private bool Resolve(int first, int count, bool final)
        {
            var last = first + count - 1;
            var span = Text(first, count);
            if (_eventAliases.Contains(span))
            {
                Emit(first, count, EntityCategory.Event, null, 0.6);
                return true;
            }
            if (_personAliases.ContainsKey(span) || (count == 1 && _personAliases.ContainsKey(_tokens[first].Text)))
            {
                EmitPerson(first, count, 0.75);
                return true;
            }
            if (_decided.TryGetValue(span, out var decided))
            {
                Emit(first, count, decided.Category, decided.Subcategory, 0.6);
                return true;
            }
            var next = last + 1 < _tokens.Count ? _tokens[last + 1] : default;
            var previous = first > 0 ? _tokens[first - 1] : default;
            // "(U.S. Army photo by Davide Dalla Massara)": a credit names a person.
            if (count >= 2 && count <= 4 && NameLike(first, count) && CreditBefore(first))
            {
                EmitPerson(first, count, 0.7);
                return true;
            }
            if (count >= 2 && count <= 4 && next.Text is not null && CueWords.SpeechVerbs.Contains(next.Text) && NameLike(first, count))
            {
                EmitPerson(first, count, 0.65);
                return true;
            }
            if (count >= 2 && count <= 4 && NameLike(first, count) && FollowedByAge(last))
            {
                EmitPerson(first, count, 0.7);
                return true;
            }
            if (count == 1 && Gazetteer.IsAllCaps(span) && span.Length <= 6 && !CueWords.NotAcronyms.Contains(span) && !span.Contains('.', StringComparison.Ordinal))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.5);
                return true;
            }
            if (DefinesAcronym(last))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.7);
                return true;
            }
            // "in support of Atlantic Resolve", "for exercise Trident Juncture", "Nordic Response, a NATO exercise".
            if (EventContext(first, last))
            {
                Emit(first, count, EntityCategory.Event, null, 0.6);
                _eventAliases.Add(span);
                return true;
            }
            // "the Big White Circle protest", "the White Falcon company", "the organization Casa Pueblo": the noun beside it says what it is.
            if (NounAfter(last) is { } nounAfter)
            {
                if (CueWords.EventNounsAfter.Contains(nounAfter))
                {
                    Emit(first, count, EntityCategory.Event, null, 0.55);
                    return true;
                }
                // Not "the radical Islamist group": an adjective before the noun.
                if (CueWords.OrganizationNouns.Contains(nounAfter) && !(count == 1 && (gazetteer.IsDemonym(span) || span.EndsWith("ist", StringComparison.Ordinal))))
                {
                    Emit(first, count, EntityCategory.Organization, null, 0.55);
                    return true;
                }
            }
            if (OrganizationNounBefore(first) && !IsPersonName(first, count))
            {
                Emit(first, count, EntityCategory.Organization, null, 0.55);
                return true;
            }
            // "Stockton, Calif.", "Korca, Albania": a name followed by a known place is a place in it.
            if (FollowedByKnownPlace(last))
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.6);
                return true;
            }
            if (previous.Text is not null && count <= 4 && AfterPlaceCue(first) && !TitleCaseContext(first, last) && !InTitleCaseStretch(first, last))
            {
                Emit(first, count, EntityCategory.Location, EntityCategory.Subcategories.GPE, 0.6);
                return true;
            }
            if (!final)
            {
                return false;
            }
            // In a headline every word is capitalised ("Detained Bloggers Tell Their Tales"): capitals say nothing there.
            var context = _beforeTheirOrganization.Contains(first) || (!InHeadline(first) && !TitleCaseContext(first, last) && !InTitleCaseStretch(first, last));
            if (count >= 2 && count <= 3 && NameLike(first, count) && context && !HasNotPersonWord(first, count) && !CueWords.ForeignArticles.Contains(_tokens[first].Text))
            {
                EmitPerson(first, count, 0.5);
            }
            return true; // a lone capitalised word with nothing to say what it is stays unnamed
        }

        /// <summary>"photo by", "Photo by", "video by", "courtesy of" just before the name.</summary>
        private bool CreditBefore(int first)
        {
            if (first < 2 || !OnlySpace(_tokens[first - 1].End, _tokens[first].Start) || !OnlySpace(_tokens[first - 2].End, _tokens[first - 1].Start))
            {
                return false;
            }
            return (_tokens[first - 1].Text == "by" && CueWords.CreditWords.Contains(_tokens[first - 2].Text))
                || (_tokens[first - 1].Text == "of" && _tokens[first - 2].Text is "courtesy" or "Courtesy");
        }

        /// <summary>A lower-case noun right after the name, across spaces only ("Big White Circle protest").</summary>
        private string? NounAfter(int last)
        {
            if (last + 1 >= _tokens.Count || !OnlySpace(_tokens[last].End, _tokens[last + 1].Start))
            {
                return null;
            }
            var next = _tokens[last + 1].Text;
            return char.IsLower(next[0]) ? next : null;
        }

        /// <summary>"the organization Casa Pueblo", "the rebel group M23", "the daily Jornal Livre".</summary>
        private bool OrganizationNounBefore(int first)
        {
            if (first == 0 || !OnlySpace(_tokens[first - 1].End, _tokens[first].Start))
            {
                return false;
            }
            var previous = _tokens[first - 1].Text;
            return char.IsLower(previous[0]) && CueWords.OrganizationNouns.Contains(previous);
        }

        /// <summary>A name the story already gave to a person ("Tokayev" after "Kassym-Jomart Tokayev").</summary>
        private bool IsPersonName(int first, int count) => _personAliases.ContainsKey(Text(first, count));

        private bool HasNotPersonWord(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                if (CueWords.NotPersonWords.Contains(_tokens[i].Text))
                {
                    return true;
                }
            }
            return false;
        }

        private bool AllCaps(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                if (!Gazetteer.IsAllCaps(_tokens[i].Text))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>"U.S. personnel", "U.S. and NATO counterparts", "US$800": followed by a lower-case noun, by "and" and another adjective, or a currency sign.</summary>
        private bool AdjectiveBefore(int last)
        {
            var end = _tokens[last].End;
            // "US$800 million", "the U.S.-Australia alliance": a currency or the first half of a compound.
            if (end + 1 < text.Length && (text[end] == '$' || (text[end] == '-' && char.IsLetter(text[end + 1]))))
            {
                return true;
            }
            if (last + 1 >= _tokens.Count || !OnlySpace(_tokens[last].End, _tokens[last + 1].Start))
            {
                return false;
            }
            var next = _tokens[last + 1];
            // "U.S. and other foreign citizens"
            if (next.Text is "and" or "or" && last + 2 < _tokens.Count && _tokens[last + 2].Text == "other")
            {
                return true;
            }
            if (next.Text is "and" or "or" && last + 3 < _tokens.Count && _tokens[last + 2].Capitalised
                && OnlySpace(next.End, _tokens[last + 2].Start) && OnlySpace(_tokens[last + 2].End, _tokens[last + 3].Start))
            {
                next = _tokens[last + 3];
            }
            return !next.Capitalised && !CueWords.CommonWords.Contains(next.Text);
        }

        /// <summary>
        /// Inside a stretch of capitalised words that opens a paragraph ("Asylum Seeker 'Baby Asha' Becomes a Rallying Point
        /// for Opponents of Australia's Offshore Detention"): a title-case headline run into the text, where capitals say
        /// nothing. At least three capitalised longer words beside the run (two if the run has two of its own), across small
        /// words, quotes, possessives, commas, colons and dashes, not across the end of a sentence.
        /// </summary>
        private bool InTitleCaseStretch(int first, int last)
        {
            static bool Content(NameToken t) => t.Text.Length > 3 && !CueWords.CommonWords.Contains(t.Text) && !Gazetteer.IsAllCaps(t.Text);
            bool Joined(NameToken a, NameToken b)
            {
                for (var p = a.End; p < b.Start; p++)
                {
                    if (text[p] is not (' ' or '\'' or '’' or '‘' or '"' or '“' or '”' or 's' or ',' or ':' or '—' or '–'))
                    {
                        return false;
                    }
                }
                return true;
            }
            var capitalised = 0;
            // Not across a colon after the run: "Aqeela Asifi: A Teacher in Exile" names the person the headline is about.
            for (var i = last + 1; i < _tokens.Count && Joined(_tokens[i - 1], _tokens[i]) && text.IndexOf(':', _tokens[i - 1].End, _tokens[i].Start - _tokens[i - 1].End) < 0; i++)
            {
                if (Content(_tokens[i]))
                {
                    if (!_tokens[i].Capitalised)
                    {
                        break;
                    }
                    capitalised++;
                }
            }
            var leftmost = first;
            for (var i = first - 1; i >= 0 && Joined(_tokens[i], _tokens[i + 1]); i--)
            {
                if (Content(_tokens[i]) && !_tokens[i].Capitalised)
                {
                    return false;
                }
                capitalised += Content(_tokens[i]) ? 1 : 0;
                leftmost = i;
            }
            // A headline opens its paragraph; inside a paragraph capitals in a row are a name and its organisation.
            var p = _tokens[leftmost].Start - 1;
            while (p >= 0 && text[p] is ' ' or '\'' or '"' or '‘' or '“')
            {
                p--;
            }
            var own = 0;
            for (var i = first; i <= last; i++)
            {
                own += Content(_tokens[i]) ? 1 : 0;
            }
            return (capitalised >= 3 || (capitalised >= 2 && capitalised + own >= 4)) && (p < 0 || text[p] == '\n');
        }

        private (int Start, int End)? TitleSpan(int first, int count)
        {
            var end = first + count;
            for (var h = first; h < end; h++)
            {
                if (!IsTitleHeadAt(h))
                {
                    continue;
                }
                var start = h;
                while (start > first && CueWords.TitleModifiers.Contains(_tokens[start - 1].Text))
                {
                    start--;
                }
                var stop = h + 1;
                while (stop < end)
                {
                    var t = _tokens[stop].Text;
                    if (CueWords.TitleHeads.Contains(t) || (CueWords.TitleModifiers.Contains(t) && stop + 1 < end && CueWords.TitleHeads.Contains(_tokens[stop + 1].Text)))
                    {
                        stop++;
                    }
                    else if (t == "of" && stop + 1 < end)
                    {
                        var o = _tokens[stop + 1].Text == "the" && stop + 2 < end ? stop + 2 : stop + 1;
                        if (!CueWords.TitleOfObjects.Contains(_tokens[o].Text))
                        {
                            break;
                        }
                        stop = o + 1;
                    }
                    else
                    {
                        break;
                    }
                }
                return (start, stop);
            }
            return null;
        }

        private bool IsTitleHeadAt(int i) => CueWords.TitleHeads.Contains(_tokens[i].Text);

        /// <summary>All capitals, at the start of a line (after other capitals and commas only), before a comma or a dash.</summary>
        private bool InDateline(int first, int last)
        {
            for (var i = first; i <= last; i++)
            {
                var t = _tokens[i].Text;
                if (!Gazetteer.IsAllCaps(t) || !t.Any(char.IsLetter))
                {
                    return false;
                }
            }
            var p = _tokens[first].Start - 1;
            while (p >= 0 && text[p] != '\n')
            {
                if (!(char.IsUpper(text[p]) || text[p] is ' ' or ',' or '.' or '-' or '\''))
                {
                    return false;
                }
                p--;
            }
            var q = _tokens[last].End;
            while (q < text.Length && text[q] == ' ')
            {
                q++;
            }
            return q >= text.Length || text[q] is ',' or '(' or '—' or '–' or '-' or '\n';
        }

        /// <summary>"USS Bonhomme Richard", "UH-60 Black Hawk", "Bradley Fighting Vehicle", "C-17 Globemaster III".</summary>
        private bool ProductAt(int first, int count)
        {
            if ((count > 1 && CueWords.ProductHeads.Contains(_tokens[first].Text)) || IsDesignator(_tokens[first].Text))
            {
                return true;
            }
            var last = first + count - 1;
            var tail = _tokens[last].Text;
            if (count > 1 && tail is "II" or "III" or "IV")
            {
                last--;
                tail = _tokens[last].Text;
            }
            return CueWords.ProductWords.Contains(tail) && (count > 1 || tail.Length > 5);
        }

        /// <summary>The length of a place head at <paramref name="first"/> ("Fort", "Joint Base"), or 0.</summary>
        private int PlaceHeadLength(int first, int count)
        {
            foreach (var head in CueWords.PlaceHeads)
            {
                if (head.Length < count && head.Select((w, k) => string.Equals(_tokens[first + k].Text, w, StringComparison.Ordinal)).All(b => b))
                {
                    return head.Length;
                }
            }
            return 0;
        }

        /// <summary>
        /// Capitalised words on both sides, across small words only ("Hard Life in Jordan's Refugee Camps"): a title-case
        /// headline run into the text, where capitals say nothing.
        /// </summary>
        private bool TitleCaseContext(int first, int last)
        {
            static bool Content(NameToken t) => t.Text.Length > 3 && !CueWords.CommonWords.Contains(t.Text);
            bool Side(int from, int step)
            {
                var i = from;
                var prev = step > 0 ? last : first;
                for (var n = 0; n < 3 && i >= 0 && i < _tokens.Count; n++, i += step)
                {
                    var t = _tokens[i];
                    var (a, b) = step > 0 ? (_tokens[prev], t) : (t, _tokens[prev]);
                    if (!OnlySpace(a.End, b.Start))
                    {
                        return false;
                    }
                    if (Content(t))
                    {
                        return t.Capitalised;
                    }
                    prev = i;
                }
                return false;
            }
            return Side(last + 1, 1) && (first == 0 || Side(first - 1, -1) || _tokens[first].SentenceStart);
        }

        private bool EventContext(int first, int last)
        {
            // "exercise Trident Juncture", "upcoming exercise, Trident Juncture"
            for (var i = first - 1; i >= Math.Max(0, first - 2); i--)
            {
                if (CueWords.EventCues.Contains(_tokens[i].Text) && !_tokens[i].Capitalised)
                {
                    return true;
                }
            }
            if (first >= 2 && _tokens[first - 1].Text == "of" && _tokens[first - 2].Text == "support")
            {
                return true;
            }
            // "Nordic Response, a NATO exercise"
            var p = _tokens[last].End;
            if (p < text.Length && text[p] == ',')
            {
                for (var i = last + 1; i < Math.Min(_tokens.Count, last + 5); i++)
                {
                    if (CueWords.EventCues.Contains(_tokens[i].Text))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private bool FollowedByKnownPlace(int last)
        {
            var p = _tokens[last].End;
            if (p + 2 >= text.Length || text[p] != ',' || text[p + 1] != ' ' || last + 1 >= _tokens.Count)
            {
                return false;
            }
            var next = _tokens[last + 1];
            if (next.Start != p + 2)
            {
                return false;
            }
            for (var n = 3; n >= 1; n--)
            {
                if (last + n < _tokens.Count && Lookup(last + 1, n) is { Category: EntityCategory.Location })
                {
                    // Not "Jacob Zuma, South Africa's former president".
                    var after = _tokens[last + n].End;
                    return after >= text.Length || text[after] is ',' or '.' or ';' or ')' or '\n' or ' ' && !(after + 1 < text.Length && text[after] == '\'');
                }
            }
            return false;
        }

        /// <summary>Is the token on a line whose longer words are nearly all capitalised (a title-case headline)?</summary>
        private bool InHeadline(int index)
        {
            var start = text.LastIndexOf('\n', Math.Max(0, _tokens[index].Start - 1)) + 1;
            var end = text.IndexOf('\n', _tokens[index].Start);
            end = end < 0 ? text.Length : end;
            if (end - start > 200)
            {
                return false;
            }
            // Only the line's own tokens (they are in text order): a scan of every token made long pages quadratic.
            var first = index;
            while (first > 0 && _tokens[first - 1].Start >= start)
            {
                first--;
            }
            int words = 0, capitalised = 0;
            for (var i = first; i < _tokens.Count && _tokens[i].Start < end; i++)
            {
                var t = _tokens[i];
                if (t.End > end || t.Text.Length <= 3 || CueWords.CommonWords.Contains(t.Text))
                {
                    continue;
                }
                words++;
                capitalised += t.Capitalised ? 1 : 0;
            }
            return words >= 3 && capitalised * 4 >= words * 3;
        }

        /// <summary>"Washington, D.C.": the district belongs to the city's name.</summary>
        private List<Entity> WithDistrict(List<Entity> names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var e = names[i];
                var end = e.Offset + e.Length;
                if (e.Category == EntityCategory.Location && string.CompareOrdinal(text, end, ", D.C.", 0, 6) == 0)
                {
                    names[i] = new Entity(text.Substring(e.Offset, e.Length + 6), e.Category, e.Subcategory, e.Offset, e.Length + 6, e.Confidence);
                    names.RemoveAll(n => n.Offset > e.Offset && n.Offset < end + 6);
                }
            }
            return names;
        }

        /// <summary>"1st Battalion, 8th Infantry Regiment": a unit and the unit it belongs to, written as one name.</summary>
        private List<Entity> MergeUnits(List<Entity> names)
        {
            for (var i = names.Count - 2; i >= 0; i--)
            {
                var a = names[i];
                var b = names[i + 1];
                var words = a.Text.Split(' ');
                if (a.Category == EntityCategory.Organization && b.Category == EntityCategory.Organization
                    && CueWords.SubUnitTails.Contains(words[^1]) && b.Text.EndsWith("Regiment", StringComparison.Ordinal)
                    && !a.Text.Contains(',', StringComparison.Ordinal) && b.Offset == a.Offset + a.Length + 2
                    && text[a.Offset + a.Length] == ',' && b.Text.Length > 0 && char.IsAsciiDigit(b.Text[0]))
                {
                    var length = b.Offset + b.Length - a.Offset;
                    names[i] = new Entity(text.Substring(a.Offset, length), EntityCategory.Organization, null, a.Offset, length, Math.Min(a.Confidence, b.Confidence));
                    names.RemoveAt(i + 1);
                }
            }
            return names;
        }

        private bool AllDemonyms(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                if (!gazetteer.IsDemonym(_tokens[i].Text))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Words that could be a person's name: capitalised, not common, not a place or title.</summary>
        private bool NameLike(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                var t = _tokens[i].Text;
                if (CueWords.NameConnectors.Contains(t) || (i > first && t.Length == 2 && t[1] == '.' && char.IsUpper(t[0])))
                {
                    continue;
                }
                if (!_tokens[i].Capitalised || Gazetteer.IsAllCaps(t) || CueWords.CommonWords.Contains(t) || gazetteer.IsDemonym(t)
                    || CueWords.TitleModifiers.Contains(t) || gazetteer.TryLookup(t, out _) || t.Any(char.IsDigit))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Capitalised, not common, not a title, a demonym or in capitals; a place's name is allowed (a surname may be one).</summary>
        private bool NameLikeAfterGazetteer(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                var t = _tokens[i].Text;
                if (!char.IsUpper(t[0]) || Gazetteer.IsAllCaps(t) || CueWords.CommonWords.Contains(t) || gazetteer.IsDemonym(t)
                    || CueWords.TitleHeads.Contains(t) || CueWords.TitleModifiers.Contains(t) || t.Any(char.IsDigit)
                    || CueWords.OrganizationTails.Contains(t) || CueWords.StructuralTails.Contains(t) || CueWords.GeographicalTails.Contains(t)
                    || CueWords.AdministrativeTails.Contains(t))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>"Nursultan Nazarbaev, 81, who …".</summary>
        private bool FollowedByAge(int last)
        {
            var p = _tokens[last].End;
            if (p + 4 > text.Length || text[p] != ',' || text[p + 1] != ' ')
            {
                return false;
            }
            var q = p + 2;
            var digits = 0;
            while (q < text.Length && char.IsDigit(text[q]) && digits < 4)
            {
                q++;
                digits++;
            }
            return digits is >= 1 and <= 3 && q < text.Length && text[q] == ',';
        }

        /// <summary>"Collective Security Treaty Organization (CSTO)".</summary>
        private bool DefinesAcronym(int last)
        {
            var p = _tokens[last].End;
            if (p + 3 >= text.Length || text[p] != ' ' || text[p + 1] != '(')
            {
                return false;
            }
            var close = text.IndexOf(')', p + 2);
            return close > p + 3 && close - p <= 10 && Gazetteer.IsAllCaps(text[(p + 2)..close]);
        }

        /// <summary>"in Nur-Sultan", "the western oil town of Zhanaozen".</summary>
        private bool AfterPlaceCue(int first)
        {
            var previous = _tokens[first - 1];
            if (!OnlySpace(previous.End, _tokens[first].Start))
            {
                return false;
            }
            if (CueWords.PlacePrepositions.Contains(previous.Text) && !previous.Capitalised)
            {
                return true;
            }
            return previous.Text == "of" && first >= 2 && CueWords.PlaceNouns.Contains(_tokens[first - 2].Text);
        }

        private bool OnlySpace(int from, int to)
        {
            for (var p = from; p < to; p++)
            {
                if (text[p] != ' ')
                {
                    return false;
                }
            }
            return true;
        }

        private bool Known(int first, int count) => Lookup(first, count) is not null;

        private (string Category, string? Subcategory)? Lookup(int first, int count) =>
            gazetteer.TryLookup(Text(first, count), out var kind) ? kind : null;

        private string Text(int first, int count)
        {
            var start = _tokens[first].Start;
            return text[start.._tokens[first + count - 1].End];
        }

        private void EmitPerson(int first, int count, double confidence)
        {
            Emit(first, count, EntityCategory.Person, null, confidence);
            _personAliases.TryAdd(Text(first, count), Text(first, count));
            // Later mentions use the surname ("Tokayev"), or the last two words of a long name.
            var last = _tokens[first + count - 1].Text;
            if (count > 1 && !CueWords.CommonWords.Contains(last) && !gazetteer.TryLookup(last, out _))
            {
                _personAliases.TryAdd(last, Text(first, count));
            }
            // "al-Burhan" is later just "Burhan".
            if (count > 1 && NameToken.ParticleLength(last) is > 0 and var particle)
            {
                _personAliases.TryAdd(last[particle..], Text(first, count));
            }
            if (count > 2)
            {
                _personAliases.TryAdd(Text(first + count - 2, 2), Text(first, count));
            }
        }

        private void Emit(int first, int count, string category, string? subcategory, double confidence)
        {
            if (category is EntityCategory.Organization or EntityCategory.Location or EntityCategory.Event && count > 1)
            {
                _decided.TryAdd(Text(first, count), (category, subcategory));
            }
            var start = _tokens[first].Start;
            var end = _tokens[first + count - 1].End;
            // "Joint Task Force 505", "Amphibious Squadron 11": a unit's number is part of its name.
            if (category == EntityCategory.Organization && CueWords.NumberedUnitTails.Contains(_tokens[first + count - 1].Text)
                && end + 1 < text.Length && text[end] == ' ' && char.IsAsciiDigit(text[end + 1]))
            {
                var p = end + 1;
                while (p < text.Length && char.IsAsciiDigit(text[p]))
                {
                    p++;
                }
                if (p - end <= 5 && (p == text.Length || !char.IsLetterOrDigit(text[p])) && !(p < text.Length && text[p] == ',' && p + 1 < text.Length && char.IsAsciiDigit(text[p + 1])))
                {
                    end = p;
                }
            }
            _names.Add(new Entity(text[start..end], category, subcategory, start, end - start, confidence));
        }
    }
}
