import Foundation

/// Invented but plausible identity details of a customer: company name, contact, email, phone.
///
/// Everything is fictitious by construction. Names are combinations of common first names,
/// surnames, trades and invented place names; e-mail domains use the reserved `.example` top-level
/// domain (RFC 2606), and phone numbers come from ranges reserved for fiction (ARCEP's
/// `01 99 00 xx xx` and `06 39 98 xx xx`, Ofcom's drama numbers `020 7946 0xxx` and
/// `07700 900xxx`, NANP's `555-01xx`). Some company names contain a comma, an apostrophe or
/// accented letters, so that readers of the files meet CSV quoting and UTF-8 early.
struct FictitiousIdentity {
    var name: String
    var contactName: String
    var email: String
    var phone: String

    /// A customer identity for a language tag (`fr`, `fr-BE`, `en-GB`, …) and segment.
    static func draw(language: String, segment: CustomerSegment, rng: inout SplitMix64) -> FictitiousIdentity {
        let french = language.hasPrefix("fr")
        let first = rng.element(french ? frenchFirstNames : englishFirstNames)
        let last = rng.element(french ? frenchSurnames(language) : englishSurnames)
        let name = french
            ? frenchCompany(segment: segment, language: language, rng: &rng)
            : englishCompany(segment: segment, language: language, rng: &rng)
        let domain = slug(withoutLegalForm(name)) + ".example"
        let email: String
        switch rng.int(0...9) {
        case 0...5: email = "\(slug(first)).\(slug(last))@\(domain)"
        case 6, 7: email = "\(slug(String(first.prefix(1))))\(slug(last))@\(domain)"
        default: email = (french ? rng.element(["compta", "factures", "comptabilite", "contact"])
                                  : rng.element(["accounts", "invoices", "finance", "ap"])) + "@" + domain
        }
        return FictitiousIdentity(
            name: name, contactName: "\(first) \(last)", email: email,
            phone: phone(language: language, rng: &rng))
    }

    // MARK: - Names

    static let frenchFirstNames = [
        "Camille", "Julien", "Sophie", "Nicolas", "Émilie", "Thomas", "Claire", "Antoine", "Isabelle",
        "Mathieu", "Nathalie", "Pierre", "Céline", "Laurent", "Aurélie", "François", "Hélène", "Olivier",
        "Marion", "Sébastien", "Chloé", "Hugo", "Léa", "Manon", "Louis", "Inès", "Romain", "Élodie",
        "Benoît", "Anne", "Jérôme", "Sandrine", "Maxime", "Valérie", "Guillaume", "Agnès", "Yannick",
        "Margaux", "Baptiste", "Solène",
    ]
    static let frenchSurnamesCommon = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
        "Chevalier", "Gauthier", "Perrin", "Rousseau", "Blanchard", "Guérin", "Faure", "Lemoine",
    ]
    static let belgianSurnames = [
        "Peeters", "Janssens", "Dumont", "Lemaire", "Renard", "Leclercq", "Dubois", "Lambert",
        "Dupont", "Hermans", "Claes", "Wouters", "Maes", "Jacobs", "Willems",
    ]
    static func frenchSurnames(_ language: String) -> [String] {
        language == "fr-BE" ? belgianSurnames : frenchSurnamesCommon
    }
    static let frenchTrades = [
        "Boulangerie", "Transports", "Menuiserie", "Plomberie", "Imprimerie", "Garage", "Pharmacie",
        "Librairie", "Boucherie", "Électricité", "Fromagerie", "Traiteur", "Ébénisterie",
        "Maçonnerie", "Cabinet", "Pépinières", "Charpente", "Cave", "Serrurerie", "Paysages",
    ]
    /// Regions as a bare name and with the article French grammar wants after `du`/`de`.
    static let frenchRegions: [(name: String, of: String)] = [
        ("Loire", "de la Loire"), ("Provence", "de Provence"), ("Vosges", "des Vosges"),
        ("Bretagne", "de Bretagne"), ("Val d'Oise", "du Val d'Oise"), ("Armor", "d'Armor"),
        ("Lyonnais", "du Lyonnais"), ("Ardennes", "des Ardennes"), ("Condroz", "du Condroz"),
        ("Gâtinais", "du Gâtinais"), ("Vexin", "du Vexin"), ("Cévennes", "des Cévennes"),
        ("Bocage", "du Bocage"), ("Morvan", "du Morvan"), ("Quercy", "du Quercy"), ("Beauce", "de la Beauce"),
    ]
    static let frenchForms = ["SARL", "SAS", "SA", "EURL", "SNC", "SASU"]
    static let inventedTowns = [
        "Saint-Aubin-sur-Vère", "Montfleury", "Brenneville", "Saint-Hilaire-des-Ormes", "Valcourt",
        "Aurette-le-Haut", "Lisonval", "Chantemerle", "Roche-Bernon", "Fontvieille-sur-Ornette",
        "Bois-Renard", "Marcillac-la-Vallée", "Saint-Loup-des-Prés", "Villebrune", "Clairfontaine-sur-Lys",
        "Pontaury", "Mervilliers", "La Roche-Aimée", "Belcastel-sur-Aune", "Vernonville",
    ]

    static func frenchCompany(segment: CustomerSegment, language: String, rng: inout SplitMix64) -> String {
        let last = rng.element(frenchSurnames(language))
        let form = language == "fr-BE" ? rng.element(["SRL", "SA", "SC"])
            : language == "fr-CH" ? rng.element(["Sàrl", "SA"])
            : language == "fr-CA" ? rng.element(["inc.", "ltée"]) : rng.element(frenchForms)
        switch segment {
        case .publicSector:
            let town = rng.element(inventedTowns)
            return rng.element([
                "Mairie de \(town)", "Centre hospitalier de \(town)", "Lycée \(rng.element(frenchFirstNames)) \(last)",
                "Communauté de communes de \(town)", "Office de tourisme de \(town)", "Syndicat des eaux de \(town)",
            ])
        case .enterprise:
            return rng.element([
                "Groupe \(last) \(form)", "\(last) Industries \(form)", "\(rng.element(frenchRegions).name) Logistique \(form)",
                "Compagnie \(last) et Associés", "\(last) Distribution \(form)",
            ])
        case .retail:
            return rng.element([
                "\(rng.element(frenchTrades)) \(last)", "Chez \(rng.element(frenchFirstNames))",
                "L'Atelier de \(rng.element(frenchFirstNames))", "\(rng.element(frenchTrades)) \(rng.element(frenchRegions).of)",
                "Au Panier \(rng.element(frenchRegions).of)",
            ])
        case .sme:
            return rng.element([
                "\(rng.element(frenchTrades)) \(last) \(form)", "\(last) & Fils", "Établissements \(last)",
                "\(last), \(rng.element(frenchSurnames(language))) et Associés", "Bureau d'études \(last)",
                "\(rng.element(frenchTrades)) \(rng.element(frenchRegions).of) \(form)", "\(last) Conseil \(form)",
            ])
        }
    }

    static let englishFirstNames = [
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "James", "Sophie",
        "William", "Grace", "Thomas", "Lucy", "Daniel", "Hannah", "Samuel", "Chloe", "Matthew", "Megan",
        "Michael", "Sarah", "David", "Laura", "Ryan", "Rachel", "Liam", "Aoife", "Ciaran", "Fiona",
        "Priya", "Arjun", "Niamh", "Callum", "Eleanor", "Rhys",
    ]
    static let englishSurnames = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
        "Clarke", "Harrison", "Cole", "Murphy", "Kelly", "O'Brien", "Patel", "Hughes", "Edwards",
        "Turner", "Collins", "Fletcher", "Baxter",
    ]
    static let englishTrades = [
        "Joinery", "Logistics", "Plumbing", "Print", "Motors", "Catering", "Electrical", "Landscaping",
        "Bakery", "Interiors", "Engineering", "Roofing", "Surveys", "Textiles", "Nurseries",
    ]
    static let englishPlaces = [
        "Thornbury Vale", "Kingsmere", "Ashcombe", "Elderbrook", "Harrowgate Fields", "Millstead",
        "Westholme", "Brackenridge", "Fernleigh", "Oakhaven", "Larkhill Cross", "Stonebridge Wells",
        "Hollowmere", "Redfern Bay", "Coldharbour Green", "Wickenford", "Marlow Heath", "Ravensholt",
        "Dunmore Quay", "Briarwood",
    ]

    static func englishCompany(segment: CustomerSegment, language: String, rng: inout SplitMix64) -> String {
        let last = rng.element(englishSurnames)
        let form = language == "en-US" ? rng.element(["Inc.", "LLC"]) : rng.element(["Ltd", "Ltd", "Limited", "plc"])
        switch segment {
        case .publicSector:
            let place = rng.element(englishPlaces)
            return rng.element([
                "\(place) Borough Council", "\(place) Community College", "\(place) Health Trust",
                "\(place) Primary School", "\(place) Water Board",
            ])
        case .enterprise:
            return rng.element([
                "\(last) Group \(form)", "\(last) Industries \(form)", "\(rng.element(englishPlaces)) Logistics \(form)",
                "\(last) Holdings \(form)",
            ])
        case .retail:
            return rng.element([
                "\(last)'s \(rng.element(englishTrades))", "The \(rng.element(englishPlaces)) \(rng.element(englishTrades))",
                "\(rng.element(englishFirstNames))'s Corner Shop", "\(last) & Daughters",
            ])
        case .sme:
            return rng.element([
                "\(last) \(rng.element(englishTrades)) \(form)", "\(last) & \(rng.element(englishSurnames)) \(form)",
                "\(last), \(rng.element(englishSurnames)) & Partners LLP", "\(rng.element(englishPlaces)) \(rng.element(englishTrades)) \(form)",
                "\(last) Consulting \(form)",
            ])
        }
    }

    /// Makes the name unique among `taken` (and inserts it), the way real ledgers tell two
    /// companies of the same name apart: by their town. The e-mail domain follows the new name.
    mutating func makeUnique(among taken: inout Set<String>, french: Bool, rng: inout SplitMix64) {
        if taken.insert(name).inserted { return }
        let towns = french ? Self.inventedTowns : Self.englishPlaces
        let qualifiers = french ? ["", "-Nord", "-Sud", "-Est", "-Ouest", "-Centre"]
                                : ["", " North", " South", " East", " West", " Central"]
        let base = name
        var suffix = ""
        var attempt = 0
        repeat {
            let town = rng.element(towns)
            suffix = attempt < 40 ? town + rng.element(qualifiers) : "\(town) \(attempt - 38)"
            attempt += 1
        } while !taken.insert("\(base) (\(suffix))").inserted
        name = "\(base) (\(suffix))"
        let local = email.split(separator: "@").first.map(String.init) ?? "contact"
        email = "\(local)@\(Self.slug(Self.withoutLegalForm(base) + " " + suffix)).example"
    }

    /// Makes the e-mail address unique among `taken` (and inserts it). Two names can share a
    /// domain once legal forms and punctuation are dropped (`Martin SA`, `Martin SAS`); the full
    /// name, then a number, tells them apart.
    mutating func makeEmailUnique(among taken: inout Set<String>) {
        if taken.insert(email).inserted { return }
        let local = email.split(separator: "@").first.map(String.init) ?? "contact"
        let domain = Self.slug(name)
        var candidate = "\(local)@\(domain).example"
        var n = 2
        while !taken.insert(candidate).inserted {
            candidate = "\(local)@\(domain)-\(n).example"
            n += 1
        }
        email = candidate
    }

    // MARK: - Contact details

    static func phone(language: String, rng: inout SplitMix64) -> String {
        func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
            var s = ""
            for _ in 0..<n { s.append(Character(Unicode.Scalar(UInt8(48 + rng.int(0...9))))) }
            return s
        }
        switch language {
        case "en-US", "fr-CA":
            return "+1 \(rng.element(["212", "312", "415", "514", "617", "438"])) 555 01\(digits(2, &rng))"
        case _ where language.hasPrefix("en"):
            switch rng.int(0...2) {
            case 0: return "+44 20 7946 0\(digits(3, &rng))"
            case 1: return "+44 161 496 0\(digits(3, &rng))"
            default: return "+44 7700 900\(digits(3, &rng))"
            }
        default:
            let a = digits(2, &rng), b = digits(2, &rng)
            return rng.chance(0.7) ? "+33 1 99 00 \(a) \(b)" : "+33 6 39 98 \(a) \(b)"
        }
    }

    static let legalForms: Set<String> = [
        "SARL", "SAS", "SA", "EURL", "SNC", "SASU", "SRL", "SC", "Sàrl", "inc.", "ltée", "Ltd", "Limited",
        "plc", "Inc.", "LLC", "LLP",
    ]

    /// The company name without a trailing legal form, as domain names are usually chosen.
    static func withoutLegalForm(_ name: String) -> String {
        var words = name.split(separator: " ")
        while words.count > 1, let last = words.last, legalForms.contains(String(last)) { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// Lower-case ASCII letters and digits of a name joined by hyphens (accents folded), for domains.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            let v = scalar.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if v >= 65 && v <= 90 {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(Unicode.Scalar(v + 32) ?? scalar)
            } else if v == 0x27 || v == 0x2019 {
                continue  // apostrophes vanish: O'Brien → obrien
            } else if v < 0x300 || v > 0x36F {
                pendingHyphen = true  // spaces, punctuation; combining accents are simply dropped
            }
        }
        return out.isEmpty ? "client" : out
    }
}
