"""The English DPA template's wording: "Data Processing Agreement", clauses 1-20 and annexes A-D (as the Norwegian bilag A-D)."""

from __future__ import annotations

from template_blocks import (
    END,
    PARTY_WIDTHS,
    PROCESSING_WIDTHS,
    SIGNATURE_WIDTHS,
    SUBPROCESSOR_WIDTHS,
    TRANSFER_WIDTHS,
    annex,
    bullets,
    each,
    h1,
    h2,
    p,
    party_rows,
    subtitle,
    table,
    title,
    unless,
    when,
)

# ---------------------------------------------------------------------------------------------------------------
# Data Processing Agreement (English, British spelling). Says what the Norwegian text says, with the same annexes
# under the same letters: A Details of the processing, B Sub-processors and transfers, C Instructions (measures,
# location, deletion, audits), D Versions.
# ---------------------------------------------------------------------------------------------------------------


def english() -> list:
    return [
        title("Data Processing Agreement"),
        subtitle("Version {{version}} · {{date}}"),
        p(
            "Agreement on the processing of personal data under Article 28 of the General Data Protection "
            "Regulation, between:"
        ),
        table(
            ("", "Controller", "Processor"),
            *party_rows(
                (
                    "Name",
                    "Organisation number",
                    "Address",
                    "Country",
                    "Privacy contact (e-mail)",
                    "Data protection officer",
                )
            ),
            widths=PARTY_WIDTHS,
        ),
        h1("1 Parties and background"),
        p(
            "1.1 This agreement is made between {{controller.name}} as controller (the ‘Controller’) and "
            "{{processor.name}} as processor (the ‘Processor’)."
        ),
        p(
            "1.2 The Processor processes personal data on behalf of the Controller when providing services under a "
            "separate agreement (the ‘Service Agreement’). This agreement (the ‘Agreement’) is the contract required "
            "by Article 28(3) of Regulation (EU) 2016/679 (the ‘GDPR’) and governs that processing."
        ),
        p(
            "1.3 The GDPR applies in Norway through the Personal Data Act (personopplysningsloven, Act of 15 June "
            "2018 No. 38). ‘EEA law’ means Union law as it applies in the EEA, and the law of an EEA state."
        ),
        unless("scc_transfers"),
        p(
            "1.4 In matters of data protection, this Agreement prevails over the Service Agreement and any other "
            "agreement between the parties."
        ),
        END,
        when("scc_transfers"),
        p(
            "1.4 In matters of data protection, this Agreement prevails over the Service Agreement and any other "
            "agreement between the parties. Standard contractual clauses (the EU standard contractual clauses for "
            "transfers, Implementing Decision (EU) 2021/914) that apply under clause 9.5 nevertheless prevail over "
            "this Agreement in the event of a conflict (Clause 5 of those clauses)."
        ),
        END,
        p(
            "1.5 Terms defined in the GDPR, such as ‘personal data’, ‘processing’, ‘data subject’ and ‘personal data "
            "breach’, have the same meaning here. ‘Data protection law’ means the GDPR, the Personal Data Act and "
            "other data protection rules that apply to the processing. A ‘sub-processor’ is a processor engaged by "
            "the Processor to process personal data for the Controller. ‘In writing’ includes e-mail where no "
            "signature is required. Annexes A to D form part of this Agreement."
        ),
        h1("2 Description of the processing"),
        p(
            "2.1 Annex A describes the subject-matter, duration, nature and purpose of the processing, the types of "
            "personal data and the categories of data subjects, for each processing activity."
        ),
        p(
            "2.2 The subject-matter of the processing is the personal data that the Processor receives from the "
            "Controller, or collects or generates for it, in providing the services. The processing lasts as stated "
            "in Annex A, and in any event for as long as this Agreement applies (clause 17)."
        ),
        p(
            "2.3 The Processor processes the personal data only for the purposes in Annex A, not for its own "
            "purposes or those of third parties, and does not combine them with data it processes for others or for "
            "itself, unless the Controller instructs it in writing to do so."
        ),
        p(
            "2.4 Where Annex A includes special categories of personal data (Article 9 GDPR) or data relating to "
            "criminal convictions and offences (Article 10), the Processor applies the additional safeguards stated "
            "in Annex C or in the Controller's instructions."
        ),
        h1("3 The Controller's obligations and rights"),
        p(
            "3.1 The Controller determines the purposes and means of the processing and is responsible for its "
            "lawfulness: that it has a legal basis, that the data subjects are informed under Articles 13 and 14, "
            "and that its instructions comply with data protection law."
        ),
        p(
            "3.2 The Controller may, in particular, give, change and withdraw instructions (clause 4), receive "
            "information and assistance (clauses 10 to 12 and 14), audit the Processor (clause 14), object to or "
            "authorise sub-processors (clause 8) and choose between deletion and return of the personal data "
            "(clause 13)."
        ),
        p(
            "3.3 The Controller answers requests from data subjects and decides whether a personal data breach is to "
            "be notified to the Norwegian Data Protection Authority (Datatilsynet) or communicated to the data subjects."
        ),
        h1("4 Instructions"),
        p(
            "4.1 The Processor processes the personal data only on documented instructions from the Controller, "
            "including with regard to transfers to a third country or an international organisation (clause 9). At "
            "signature, the instructions are this Agreement with its annexes and the Controller's use and "
            "configuration of the services."
        ),
        p(
            "4.2 The Controller may give further instructions in writing from its privacy contact address in Annex A, "
            "or through a person it has designated in writing. The Processor keeps a record of the instructions it "
            "receives."
        ),
        p(
            "4.3 If EEA law or Norwegian law to which the Processor is subject requires processing other than as "
            "instructed, the Processor informs the Controller of that requirement before the processing, unless that "
            "law prohibits this on important grounds of public interest."
        ),
        h1("5 Instructions that infringe data protection law"),
        p(
            "5.1 The Processor informs the Controller immediately if, in its opinion, an instruction infringes the "
            "GDPR or other data protection law of the EEA or Norway, and explains why."
        ),
        p(
            "5.2 The Processor may suspend the instruction until the Controller has confirmed, changed or withdrawn "
            "it in writing, and is not obliged to follow an unlawful instruction."
        ),
        h1("6 Confidentiality"),
        p(
            "6.1 The Processor gives access to the personal data only to persons who need it to provide the services, "
            "and only to the extent they need."
        ),
        p(
            "6.2 The Processor ensures that each such person, whether employee, agency worker or consultant, has "
            "undertaken in writing to keep the data confidential or is under an appropriate statutory duty of "
            "confidentiality, and that this duty continues after the employment or assignment has ended. These "
            "persons shall have been trained in the obligations under this Agreement."
        ),
        p(
            "6.3 The Processor discloses the personal data only on the Controller's instructions, to approved "
            "sub-processors (clause 8) or where EEA law or Norwegian law requires it. If an authority or court "
            "demands the data, the Processor refers the demand to the Controller where possible and notifies the "
            "Controller without undue delay, unless the law prohibits this, and discloses no more than is legally "
            "required."
        ),
        h1("7 Security of processing"),
        p(
            "7.1 The Processor implements the technical and organisational measures that Article 32 GDPR requires, so "
            "that security is appropriate to the risk to the data subjects. It takes account of the state of the "
            "art, the costs of implementation and the nature, scope, context and purposes of the processing, and in "
            "particular of the risk that personal data are accidentally or unlawfully destroyed, lost, altered, "
            "disclosed or made accessible to unauthorised persons."
        ),
        p(
            "7.2 The measures include at least those in Annex C, section C.2. The Processor reviews its risk assessment and the "
            "measures at least once a year and whenever the processing changes materially. A measure may be replaced "
            "by one that protects at least as well, but the overall level of security shall not be lowered, and "
            "material changes are notified to the Controller. The Processor gives the Controller its documentation of "
            "the measures on request."
        ),
        h1("8 Sub-processors"),
        p(
            "8.1 The Processor may engage sub-processors only under this clause. The sub-processors listed in Annex "
            "B, section B.2, are approved at signature, for the services and locations stated there."
        ),
        when("general_authorisation"),
        p(
            "8.2 The Controller gives general written authorisation to engage sub-processors. The Processor informs "
            "the Controller in writing at least {{notice_days}} days in advance of any intended addition or "
            "replacement of a sub-processor, stating its name and address, the processing, where it takes place and "
            "any transfer out of the EEA with its transfer mechanism."
        ),
        p(
            "8.3 The Controller may object in writing, with reasons, within that period. The Processor then does not "
            "use that sub-processor for the Controller's data, and the parties seek another solution in good faith. "
            "If none is found before the change was to take effect, the Controller may terminate this Agreement and "
            "the affected services without compensation or termination fees. If no objection is made within the "
            "period, the change is accepted."
        ),
        END,
        when("specific_authorisation"),
        p(
            "8.2 Any new sub-processor, including one replacing another, requires the Controller's prior specific "
            "written authorisation. The Processor requests it in writing at least {{notice_days}} days before the "
            "sub-processor is to begin, stating its name and address, the processing, where it takes place and any "
            "transfer out of the EEA with its transfer mechanism."
        ),
        p(
            "8.3 The Controller answers in writing within that period and gives reasons for a refusal. An unanswered "
            "request is not an authorisation. An authorisation covers only the sub-processor, services and locations "
            "it names."
        ),
        END,
        p(
            "8.4 Before a sub-processor begins, the Processor binds it by written contract to the same data "
            "protection obligations as those set out in this Agreement, in particular sufficient guarantees of "
            "appropriate technical and organisational measures (Article 28(4) GDPR), and checks that it meets them. "
            "The Controller receives a copy of the data protection terms on request."
        ),
        p(
            "8.5 The Processor remains fully liable to the Controller for the performance of the sub-processors' "
            "obligations."
        ),
        p(
            "8.6 This clause also applies where a sub-processor engages another processor; Annex B lists "
            "sub-processors at every level. Changes under this clause are recorded and included in Annex B in the "
            "next version (clause 18)."
        ),
        p(
            "8.7 If a sub-processor does not meet its obligations under its contract with the Processor, the "
            "Processor tells the Controller without undue delay."
        ),
        p(
            "8.8 The Processor's contract with each sub-processor provides that, if the Processor has disappeared in "
            "fact, has ceased to exist in law or has become insolvent, the Controller may terminate that contract and "
            "require the sub-processor to delete or return the personal data. The Controller may enforce this term "
            "directly against the sub-processor."
        ),
        h1("9 Transfers to third countries and international organisations"),
        p(
            "9.1 The Processor transfers personal data to a country outside the EEA or to an international "
            "organisation, or allows access to them from outside the EEA (including for support), only on documented "
            "instructions from the Controller and with a valid transfer mechanism under Chapter V GDPR: an adequacy "
            "decision (Article 45), appropriate safeguards such as standard contractual clauses (the EU standard "
            "contractual clauses for transfers, Implementing Decision (EU) 2021/914) or binding corporate rules "
            "(Articles 46 and 47) or, for occasional transfers only, a derogation under Article 49."
        ),
        when("transfers"),
        p("9.2 The transfers the Controller has instructed are listed in Annex B, section B.3."),
        END,
        when("adequacy_transfers"),
        p(
            "These transfers rest on an adequacy decision (Article 45 GDPR) and may take place for as long as the "
            "decision applies and the data importer falls within its scope:"
        ),
        *bullets("{{adequacy_transfers}}"),
        END,
        when("dpf_transfers"),
        p(
            "These transfers rest on the EU-US Data Privacy Framework (Decision (EU) 2023/1795, an adequacy decision "
            "for certified organisations in the United States). The data importer's certification must remain "
            "current for as long as the transfer continues; the Processor checks it at least once a year, and if it "
            "lapses, clause 9.4 applies:"
        ),
        *bullets("{{dpf_transfers}}"),
        END,
        unless("transfers"),
        p(
            "9.2 No transfer of personal data outside the EEA is agreed at signature. A later transfer requires the "
            "Controller's written instruction (for a new sub-processor: authorisation under clause 8) and is added "
            "to Annex B."
        ),
        END,
        p(
            "9.3 For a transfer based on standard contractual clauses (Implementing Decision (EU) 2021/914) or "
            "binding corporate rules, the data exporter carries out a transfer impact assessment under Clause 14 of "
            "the standard contractual clauses, and the data importer assists with the information it has on the "
            "laws and practices of the country of destination (Clause 14(c)). Where the Controller is the data "
            "exporter, the Processor gives that assistance. Where the Processor or a sub-processor is the data "
            "exporter, the Processor ensures that the assessment has been carried out and that the supplementary "
            "measures it calls for are in place, and the Controller receives the assessment on request. Where a "
            "sub-processor in a third country is bound by the standard contractual clauses, Module Three (processor "
            "to processor) is used."
        ),
        p(
            "9.4 If a transfer mechanism ceases to apply or cannot be complied with, the Processor notifies the "
            "Controller without undue delay and suspends the transfer until a valid mechanism is in place or the data "
            "are processed in the EEA."
        ),
        when("scc_transfers"),
        p(
            "9.5 The standard contractual clauses apply to the transfers in Annex B, section B.4, in the module "
            "stated there. Where the Controller is the data exporter and the Processor the data importer, the "
            "standard contractual clauses are incorporated into this Agreement by reference, completed with the "
            "information in Annex B, section B.4, and the parties' signatures on this Agreement apply to them too. "
            "Where the Processor or a sub-processor is the data exporter, the Processor ensures that the standard "
            "contractual clauses have been concluded with the data importer with the same information. In the event "
            "of a conflict, the standard contractual clauses prevail over this Agreement (Clause 5 of those clauses)."
        ),
        END,
        h1("10 Assistance with data subjects' rights"),
        p(
            "10.1 The Processor helps the Controller to answer requests from data subjects who exercise their rights "
            "under Chapter III GDPR (access, rectification, erasure, restriction, data portability, objection and "
            "automated decision-making), through technical and organisational measures suited to the nature of the "
            "processing."
        ),
        p(
            "10.2 A request from a data subject that the Processor receives is forwarded to the Controller without "
            "undue delay. The Processor does not answer it unless the Controller has authorised it to. The "
            "Controller's time limit under Article 12(3) is not extended because the request reached the Processor "
            "first."
        ),
        p(
            "10.3 The Processor carries out the Controller's instructions to provide, rectify, erase, restrict or "
            "export data in time for the time limit to be met."
        ),
        h1("11 Assistance with security, impact assessments and prior consultation"),
        p(
            "11.1 Taking into account the nature of the processing and the information available to it, the Processor "
            "assists the Controller in ensuring the security of the processing (Article 32), notifying personal data "
            "breaches to Datatilsynet and communicating them to the data subjects (Articles 33 and 34), carrying out "
            "data protection impact assessments (Article 35) and consulting Datatilsynet in advance where such an "
            "assessment shows a high risk that the Controller cannot mitigate (Article 36)."
        ),
        p(
            "11.2 The assistance includes information on the processing, the systems, the risks and the measures, "
            "given in time for the Controller's own deadlines. The Service Agreement determines whether assistance "
            "under clauses 10 and 11 may be charged for, but assistance needed because the Processor or a "
            "sub-processor has breached this Agreement or data protection law is free of charge."
        ),
        p(
            "11.3 If the Processor becomes aware that personal data it processes for the Controller are inaccurate "
            "or no longer up to date, it tells the Controller without undue delay."
        ),
        h1("12 Personal data breach"),
        p(
            "12.1 The Processor notifies the Controller without undue delay, and at the latest within "
            "{{breach_hours}} hours after becoming aware of a personal data breach concerning data it processes for "
            "the Controller. The notification is sent to the Controller's privacy contact address "
            "({{controller.email}})."
        ),
        p("12.2 The notification describes, as far as known:"),
        *bullets(
            "the nature of the breach, when it occurred and was discovered, and where possible the categories and "
            "approximate number of data subjects and of personal data records concerned;",
            "the name and contact details of the Processor's data protection officer or another contact point;",
            "the likely consequences of the breach;",
            "the measures taken or proposed to address the breach and to mitigate its possible adverse effects.",
        ),
        p(
            "12.3 Information not available at once is given in stages without further undue delay. The first "
            "notification does not wait for the investigation to be completed."
        ),
        p(
            "12.4 The Processor immediately takes steps to stop the breach and limit its effects, preserves "
            "evidence, cooperates in the investigation and documents the breach so that the Controller can comply "
            "with Article 33(5). The Processor does not notify authorities or data subjects, or make public "
            "statements, on the Controller's behalf without instructions or a legal requirement."
        ),
        h1("13 Deletion and return on termination"),
        p(
            "13.1 When the provision of services involving processing ends, the Processor shall, at the Controller's "
            "choice, delete all personal data it has processed for the Controller, or return them and delete existing "
            "copies, unless EEA law or Norwegian law requires the Processor to store them. Annex C, section C.4, "
            "sets out the procedure."
        ),
        p(
            "13.2 Where such law requires storage, the Processor informs the Controller, keeps the data only for as "
            "long as and for the purpose that law requires, and continues to protect them under this Agreement."
        ),
        p(
            "13.3 The Processor ensures that its sub-processors do the same, and confirms to the Controller in "
            "writing what has been deleted, including by sub-processors, and when."
        ),
        h1("14 Information and audits"),
        p(
            "14.1 The Processor makes available all information necessary to demonstrate compliance with Article 28 "
            "GDPR and this Agreement."
        ),
        p(
            "14.2 The Processor allows for and contributes to audits, including inspections, conducted by the "
            "Controller or by an independent auditor the Controller mandates. The Controller gives reasonable written "
            "notice stating the scope; the notice may be short, or none, after a personal data breach, where there "
            "are specific indications of a breach of this Agreement, or where a supervisory authority requires it. "
            "An audit shall not disrupt operations more than necessary and shall protect other customers' data."
        ),
        p(
            "14.3 The Processor may object to the auditor the Controller has chosen only on reasonable grounds, such "
            "as the auditor not being bound by confidentiality or being a direct competitor of the Processor. The "
            "Controller then chooses another auditor. An objection must be made in writing with reasons, and may not "
            "be used to prevent or unreasonably delay the audit."
        ),
        p(
            "14.4 The Controller may accept a current certification or independent report, such as ISO/IEC 27001 "
            "with its statement of applicability or an ISAE 3000 or ISAE 3402 report for a period that ended no more "
            "than twelve months earlier, instead of or as part of an audit, where it covers the processing and "
            "suffices to demonstrate compliance."
        ),
        p(
            "14.5 The costs of an audit are shared as the parties agree in the Service Agreement or in writing before "
            "the audit; failing that, each party bears its own. If the audit finds a material breach of this "
            "Agreement or of data protection law, the Processor nevertheless bears its own costs and the reasonable "
            "costs of the auditor, and remedies the non-compliance without undue delay and at its own expense."
        ),
        p(
            "14.6 The parties make the information under this clause, including the results of audits, available to "
            "Datatilsynet or another competent supervisory authority when it asks for it."
        ),
        h1("15 Records and cooperation with the supervisory authority"),
        p(
            "15.1 The Processor keeps a written record of the categories of processing it carries out for the "
            "Controller, as Article 30(2) GDPR requires, and gives the Controller the entries concerning it on "
            "request."
        ),
        p(
            "15.2 The Processor cooperates with Datatilsynet and other competent supervisory authorities on request "
            "(Article 31). It notifies the Controller without undue delay of any enquiry, inspection or order "
            "concerning the processing for the Controller, unless the law prohibits this, and does not answer on "
            "the Controller's behalf without consulting it."
        ),
        h1("16 Liability"),
        p(
            "16.1 The parties are liable to data subjects under Article 82 GDPR. The Processor is liable for damage "
            "caused by the processing where it has breached obligations the GDPR places on processors, or has acted "
            "outside or contrary to the Controller's lawful instructions."
        ),
        p(
            "16.2 A party that has paid full compensation may claim back from the other party the part corresponding "
            "to that party's responsibility for the damage (Article 82(5))."
        ),
        p(
            "16.3 Otherwise, liability between the parties for breach of this Agreement is governed by the Service "
            "Agreement, unless the parties agree otherwise in writing."
        ),
        h1("17 Duration and termination"),
        p(
            "17.1 This Agreement enters into force when both parties have signed it, and applies for as long as the "
            "Processor processes personal data for the Controller, even after the Service Agreement has ended. It "
            "cannot be terminated separately while such processing continues, except where it so provides."
        ),
        p(
            "17.2 If the Processor cannot comply with this Agreement, it notifies the Controller without undue "
            "delay. The Controller may then, and on any breach of this Agreement or data protection law, instruct "
            "the Processor to suspend the processing until compliance is restored. In the event of a material or "
            "repeated breach, or if the Processor does not comply with a binding decision of a court or of "
            "Datatilsynet, the Controller may terminate this Agreement, and the parts of the Service Agreement that "
            "depend on the processing, with immediate effect by written notice."
        ),
        p(
            "17.3 If the processing has been suspended under clause 17.2 and the Processor has not returned to "
            "compliance within a reasonable time, and at the latest one month after the suspension, the Controller "
            "may terminate this Agreement, and the parts of the Service Agreement that depend on the processing, with "
            "immediate effect by written notice."
        ),
        p(
            "17.4 The Processor may terminate this Agreement, and the parts of the Service Agreement that depend on "
            "the processing, by written notice if it has informed the Controller under clause 5.1 that an "
            "instruction infringes data protection law and the Controller nevertheless insists on it being followed."
        ),
        p("17.5 The obligations on confidentiality, deletion and return, and liability survive termination."),
        h1("18 Changes"),
        p(
            "18.1 Changes to this Agreement and its annexes must be agreed in writing and signed by both parties, "
            "electronically or on paper."
        ),
        p(
            "18.2 Each version has a number and a date. Annex D shows this version and the signed agreement it "
            "replaces. A new version replaces the previous one once both parties have signed it. Instructions (clause 4) and changes of sub-processors (clause 8) "
            "take effect without a new version and are included in the next one."
        ),
        p(
            "18.3 If a provision proves to be invalid, the rest of this Agreement continues to apply, and the parties "
            "replace it with a valid provision that comes as close as possible to its purpose."
        ),
        h1("19 Governing law and venue"),
        p("19.1 This Agreement is governed by Norwegian law."),
        p(
            "19.2 Disputes that the parties cannot resolve by negotiation are decided by the ordinary courts, with "
            "Oslo District Court (Oslo tingrett) as the agreed venue."
        ),
        when("bilingual"),
        p(
            "19.3 This Agreement is made in Norwegian and in English. If the two language versions differ, the "
            "Norwegian version prevails."
        ),
        END,
        h1("20 Signatures"),
        p("20.1 This Agreement is signed electronically or in two counterparts, one for each party."),
        table(
            ("For {{controller.name}}", "For {{processor.name}}"),
            ("Place and date:", "Place and date:"),
            ("Signature:", "Signature:"),
            ("Name in block letters:", "Name in block letters:"),
            ("Title:", "Title:"),
            widths=SIGNATURE_WIDTHS,
            tall=(2,),
            together=True,
        ),
        # -- Annex A -------------------------------------------------------------------------------------------
        *annex("Annex A Details of the processing"),
        h2("A.1 The parties and contact persons"),
        p(
            "Notices under this Agreement (instructions, and notices of sub-processors, breaches and audits) are sent "
            "to the privacy contact addresses below. Changed contact details are notified in writing and do not "
            "require a new version."
        ),
        table(
            ("", "Controller", "Processor"),
            *party_rows(
                (
                    "Name",
                    "Organisation number",
                    "Address",
                    "Country",
                    "Privacy contact address",
                    "Data protection officer (e-mail)",
                )
            ),
            ("Contact person", "{{controller.contact}}", "{{processor.contact}}"),
            widths=PARTY_WIDTHS,
        ),
        h2("A.2 The processing"),
        p(
            "Each table describes one processing activity that the Processor carries out on behalf of the Controller. "
            "The subject-matter of the processing is the personal data described in the tables (clause 2.2). The "
            "Processor itself processes the personal data in: {{processor.locations}}."
        ),
        when("data_categories"),
        p("Taken together, the processing covers these types of personal data:"),
        *bullets("{{data_categories}}"),
        END,
        when("subject_categories"),
        p("The data subjects belong to these categories:"),
        *bullets("{{subject_categories}}"),
        END,
        each("processing"),
        p("Processing: {{processing.purpose}}"),
        table(
            ("Purpose", "{{processing.purpose}}"),
            ("Nature of the processing", "{{processing.nature}}"),
            ("Types of personal data", "{{processing.data}}"),
            ("Special categories (Art. 9 and 10)", "{{processing.special}}"),
            ("Categories of data subjects", "{{processing.subjects}}"),
            ("Retention period", "{{processing.retention}}"),
            ("Legal basis (the Controller's)", "{{processing.basis}}"),
            ("Duration", "{{processing.duration}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
            together=True,
        ),
        END,
        # -- Annex B ------------------------------------------------------------------------------------------
        *annex("Annex B Sub-processors and transfers"),
        h2("B.1 Conditions for engaging sub-processors"),
        p("In addition to clause 8, these conditions apply:"),
        *bullets(
            "The sub-processors in section B.2 may be used only for the services and at the locations stated there. "
            "If the service, location or transfer mechanism changes, clause 8 applies as for a new sub-processor.",
            "On request, the Processor gives the Controller what it needs to assess a sub-processor, such as a "
            "description of its security measures, certifications and audit reports.",
            "‘Engaged by’ shows which processor engaged the sub-processor. Clause 9 also applies to transfers made by "
            "sub-processors.",
        ),
        h2("B.2 Approved sub-processors"),
        when("subprocessors"),
        p("These sub-processors are approved at signature:"),
        table(
            ("Name and address", "Org. no.", "Service", "Where processed", "Transfer mechanism", "Engaged by"),
            (
                ("{{subprocessors.name}}", "{{subprocessors.address}}"),
                "{{subprocessors.orgnr}}",
                "{{subprocessors.service}}",
                "{{subprocessors.locations}}",
                "{{subprocessors.transfer}}",
                "{{subprocessors.engaged_by}}",
            ),
            widths=SUBPROCESSOR_WIDTHS,
        ),
        END,
        unless("subprocessors"),
        p("No sub-processors are approved at signature. The Processor may engage sub-processors only under clause 8."),
        END,
        h2("B.3 Transfers outside the EEA"),
        when("transfers"),
        p("The Controller has instructed these transfers (clause 9):"),
        table(
            ("Data exporter", "Data importer", "Country", "Transfer mechanism", "Transfer impact assessment (date)"),
            (
                "{{transfers.exporter}}",
                "{{transfers.importer}}",
                "{{transfers.country}}",
                "{{transfers.mechanism}}",
                "{{transfers.tia}}",
            ),
            widths=TRANSFER_WIDTHS,
        ),
        END,
        unless("transfers"),
        p("No transfer of personal data outside the EEA is agreed at signature."),
        END,
        when("scc_transfers"),
        h2("B.4 Standard contractual clauses: information for their annexes"),
        p(
            "The information below completes Annex I to the standard contractual clauses (the EU standard "
            "contractual clauses for transfers, Implementing Decision (EU) 2021/914) for each transfer based on them "
            "(clause 9.5)."
        ),
        each("scc_transfers"),
        table(
            ("Data exporter (role)", "{{scc_transfers.exporter}}"),
            ("Data importer (role)", "{{scc_transfers.importer}}"),
            ("Country of destination", "{{scc_transfers.country}}"),
            ("Module", "{{scc_transfers.module}}"),
            ("Competent supervisory authority (Clause 13)", "{{scc_transfers.authority}}"),
            ("Governing law (Clause 17)", "{{scc_transfers.law}}"),
            ("Choice of forum and jurisdiction (Clause 18)", "{{scc_transfers.courts}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
        ),
        END,
        p("For all these transfers:"),
        *bullets(
            "Description of the transfer (Annex I.B): the categories of data subjects and of personal data, the "
            "purpose, the nature of the processing and the retention period are set out in Annex A; the transfer "
            "is continuous for as long as the services are provided.",
            "Technical and organisational measures (Annex II): Annex C, section C.2, of this Agreement.",
            "Sub-processors (Annex III): Annex B, section B.2, of this Agreement.",
            "Transfer impact assessment (Clause 14): carried out by the data exporter with the data importer's "
            "assistance (clause 9.3).",
        ),
        when("general_authorisation"),
        *bullets(
            "Sub-processors (Clause 9(a)): Option 2, general written authorisation, with at least {{notice_days}} "
            "days' notice as in clause 8."
        ),
        END,
        when("specific_authorisation"),
        *bullets(
            "Sub-processors (Clause 9(a)): Option 1, specific prior authorisation, requested at least "
            "{{notice_days}} days in advance as in clause 8."
        ),
        END,
        *bullets(
            "Clause 7 (docking clause) and the optional wording in Clause 11(a) (independent dispute resolution) are "
            "not selected."
        ),
        END,
        # -- Annex C -------------------------------------------------------------------------------------------
        *annex("Annex C Instructions on the processing"),
        h2("C.1 Instructions"),
        p("In addition to what follows from this Agreement, these instructions apply:"),
        *bullets(
            "The personal data are processed only to provide the services under the Service Agreement, as the "
            "Controller's use and configuration of the services direct.",
            "They are not used to develop or train models, for analytics or statistics for the Processor's own "
            "purposes, for marketing or for profiling, unless the Controller has expressly instructed so.",
            "They are kept logically separate from other customers' data and the Processor's own, are not used in "
            "test or development environments without the Controller's written consent, and are not stored beyond "
            "the retention period in Annex A.",
        ),
        h2("C.2 Technical and organisational security measures"),
        p("The Processor implements at least these measures (clause 7):"),
        *bullets(
            "Access control: role-based access on a need-to-know basis, reviewed at least every six months and "
            "removed without delay when no longer needed.",
            "Authentication: personal accounts only, and multi-factor authentication for remote access and all "
            "administrative accounts.",
            "Encryption in transit: TLS 1.2 or later over public networks.",
            "Encryption at rest: including backups and portable devices, with keys managed separately from the data.",
            "Logging: access to personal data and administrative actions are logged, protected against alteration, "
            "kept for at least six months and reviewed.",
            "Backups: regular, encrypted and stored separately from the production environment; restores are tested "
            "at least once a year.",
            "Vulnerability management: critical security updates within 14 days; systems reachable from the internet "
            "are scanned regularly and penetration tested at least once a year.",
            "Network and endpoints: firewalls, segmentation and protection against malware.",
            "Pseudonymisation and data minimisation: pseudonymisation where the purpose allows, no more data than the "
            "purpose requires, and no real personal data in testing.",
            "Training: confidentiality undertakings, and training in information security and data protection on "
            "joining and every year.",
            "Incident handling: a documented procedure with roles and escalation that ensures notification within "
            "the time limit in clause 12, rehearsed every year.",
            "Physical security: access control, alarms and fire protection in premises and data centres, and secure "
            "destruction of storage media.",
            "Supplier control: sub-processors are assessed for security before they are engaged, and followed up "
            "regularly.",
        ),
        when("measures"),
        p("In addition, the Processor has implemented these measures for the processing:"),
        *bullets("{{measures}}"),
        END,
        p("Measures to assist the Controller (clauses 10 to 12):"),
        *bullets(
            "Data subject requests: a request the Processor receives is passed to the Controller's privacy contact "
            "address by the next working day at the latest. The Processor can find, export in a machine-readable "
            "format, rectify, restrict and erase the data about an individual data subject, and does so within five "
            "working days of an instruction, or sooner where the Controller's deadline requires it.",
            "Personal data breaches: round-the-clock monitoring and alerting, a fixed contact point for security "
            "incidents and a set template for the notification under clause 12.2, so that the Controller is notified "
            "within {{breach_hours}} hours. Incidents, assessments and actions are logged and given to the Controller "
            "for its own documentation (Article 33(5)).",
            "Impact assessments and prior consultation: within ten working days of a request, the Processor provides "
            "a description of the processing, the systems, the data flows, the sub-processors, the risk assessment "
            "and the measures, and answers the Controller's or Datatilsynet's questions about them.",
            "Inaccurate or outdated data: errors the Processor finds in the data are reported to the Controller "
            "(clause 11.3) and corrected only on instruction.",
        ),
        h2("C.3 Where the personal data are processed"),
        when("processor_in_eea"),
        p(
            "The Processor processes the personal data in the EEA ({{processor_locations}}). Approved sub-processors "
            "process them at the locations stated in Annex B, section B.2, and transfers outside the EEA are listed "
            "in Annex B, section B.3. Any other processing or access outside the EEA requires the Controller's "
            "written instruction (clause 9)."
        ),
        END,
        unless("processor_in_eea"),
        p(
            "The Processor's place of processing: {{processor_locations}}. Processing outside the EEA takes place "
            "only on the transfer mechanism in Annex B, section B.3. Approved sub-processors process the personal "
            "data at the locations stated in Annex B, section B.2. Any other processing or access outside the EEA "
            "requires the Controller's written instruction (clause 9)."
        ),
        END,
        h2("C.4 Deletion and return"),
        *bullets(
            "The Controller states its choice in writing within 30 days after the services have ended. Otherwise the "
            "Processor reminds it in writing, and deletes the data if no answer is received within a further 30 "
            "days.",
            "Return takes place in a structured, commonly used and machine-readable format over an encrypted "
            "connection. Copies are deleted from live systems within 30 days after the choice or the return, and "
            "from backups as these are overwritten, at the latest after 90 days.",
            "Deletion leaves the data unrecoverable by reasonable means; storage media taken out of use are wiped or "
            "destroyed following a recognised standard such as NIST SP 800-88. The confirmation under clause 13.3 is "
            "given within 14 days after the deletion has been completed.",
        ),
        h2("C.5 Audits and inspections"),
        *bullets(
            "The Controller may audit at reasonable intervals, as a rule once a year, and in addition where there are "
            "indications of non-compliance, after a personal data breach or where a supervisory authority requires "
            "it. The notice includes an audit plan stating the scope, method, timing and auditor.",
            "The Processor makes relevant documentation available, such as security policies, risk assessments, the "
            "record under clause 15.1, relevant logs, certification and audit reports and summaries of penetration "
            "tests. On-site inspections follow the Processor's security rules.",
            "The Processor may comment on the draft audit report, and draws up a plan with time limits to remedy any "
            "deficiencies found. It audits, or obtains reports on, its sub-processors and shares the results on "
            "request.",
        ),
        # -- Annex D -------------------------------------------------------------------------------------------
        *annex("Annex D Versions"),
        p("This Agreement is version {{version}}, dated {{date}}. It applies once both parties have signed it."),
        when("replaced_version"),
        p(
            "It replaces the data processing agreement between the parties version {{replaced_version}}, signed "
            "{{replaced_date}}, from that time. Until then the earlier agreement applies (clause 18)."
        ),
        END,
        unless("replaced_version"),
        p("It replaces no earlier signed data processing agreement between the parties."),
        END,
    ]
