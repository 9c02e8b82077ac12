"""Who may do what with the council's records (django-rules predicates)."""

import rules

from residents.rules import can_manage_village, is_representative_of, is_verified_resident_of

# Meetings, motions and the handling of proposals: the village's committee (or county administrators).
can_record_meetings = can_manage_village
can_handle_proposals = can_manage_village
can_submit_proposal = is_verified_resident_of

rules.add_perm("council.record_meeting", can_record_meetings)
rules.add_perm("council.handle_proposal", can_handle_proposals)
rules.add_perm("council.submit_proposal", can_submit_proposal)


# Demands for a meeting (VCOL arts. 21, 26): villagers demand an assembly; representatives demand an assembly
# or a representatives' meeting. The object is the Village.
can_demand_as_villager = is_verified_resident_of
can_demand_as_representative = is_representative_of
can_enter_paper_signatures = can_manage_village

rules.add_perm("council.demand_as_villager", can_demand_as_villager)
rules.add_perm("council.demand_as_representative", can_demand_as_representative)
rules.add_perm("council.enter_paper_signature", can_enter_paper_signatures)
