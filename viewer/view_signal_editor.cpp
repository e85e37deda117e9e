// The signal timing editor for the selected junction: its plan as a timing diagram, the
// cycle, offset and per-stage green / yellow / all-red, the phase order and which movements
// each stage serves; a Webster suggestion; apply to the running simulation or fork A/B with
// it; undo/redo; save all plans. Every edit is checked (limits and the conflict check) and
// a refused edit shows its reason and leaves the draft as it was.
#include <functional>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "views.hpp"

namespace ut::viewer {

namespace {

using Op = std::function<EditResult(signals::SignalPlan, double)>;

// A numeric field of the draft: live while dragging (Ctrl+click types a value), one undo
// step per drag, and a refused value never reaches the draft.
void plan_field(ViewContext& ctx, const char* label, double value, double lo, double hi, const Op& op,
                const std::string& what) {
    EditorState& ed = ctx.st.editor;
    const JunctionId j = ctx.st.selection.junction;
    double v = value;
    ImGui::SetNextItemWidth(64.0f);
    const bool changed = ImGui::DragScalar(label, ImGuiDataType_Double, &v, 0.25f, &lo, &hi, "%.1f");
    if (ImGui::IsItemActivated()) {
        ed.drag_before = ctx.actions.draft(j);
        ed.drag_had_draft = ctx.actions.has_draft(j);
        ed.drag_start_value = value;
    }
    if (changed && ed.drag_before) {
        const EditResult r = op(*ed.drag_before, v);
        if (r.plan) {
            ed.drafts[j.index()] = *r.plan;
            ed.refused.clear();
        } else {
            ed.refused = r.refused;
        }
    }
    if (ImGui::IsItemDeactivatedAfterEdit() && ed.drag_before) {
        const double final_value = v;
        if (std::abs(final_value - ed.drag_start_value) > 1e-9 && ctx.actions.has_draft(j))
            ed.history.record({j, *ed.drag_before, ed.drafts[j.index()], fmt::format(fmt::runtime(what), final_value)});
        else if (!ed.drag_had_draft)
            ed.drafts.erase(j.index());
        ed.drag_before.reset();
    }
}

std::string junction_title(const ViewContext& ctx, JunctionId j) {
    const network::Network& net = ctx.geo.network();
    const network::Junction& junction = net.junction(j);
    if (!junction.name.empty()) return fmt::format("Junction {} - {}", j.index(), junction.name);
    // Unnamed: name it after the streets that meet there.
    std::vector<std::string> streets;
    for (const network::Link& l : net.links)
        if ((l.to == j || l.from == j) && !l.name.empty() &&
            std::find(streets.begin(), streets.end(), l.name) == streets.end())
            streets.push_back(l.name);
    std::string s = fmt::format("Junction {}", j.index());
    for (std::size_t i = 0; i < streets.size() && i < 3; ++i) s += (i ? " / " : " - ") + streets[i];
    return s;
}

using RowOp = EditResult (*)(signals::SignalPlan, std::size_t, double, const EditRules&);

// One timing field of row i, as a table cell.
void row_field(ViewContext& ctx, const char* id, double value, double hi, RowOp op, std::size_t i, const char* what) {
    ImGui::TableNextColumn();
    const EditRules rules = ctx.actions.rules();
    plan_field(ctx, id, value, 0.0, hi,
               [&rules, op, i](signals::SignalPlan p, double v) { return op(std::move(p), i, v, rules); },
               fmt::format("{} {} {{:.1f}} s", what, i + 1));
}

void draw_rows(ViewContext& ctx, const signals::SignalPlan& plan) {
    Actions& act = ctx.actions;
    const EditRules rules = act.rules();
    const bool ring = is_ring_form(plan);
    const bool timed = ring && !plan.timings.empty() && plan.timings.front().split_s.size() == plan.phases.size();
    const std::size_t rows = ring ? plan.phases.size() : plan.stages.size();
    const int columns = ring ? 6 : 5;
    if (ImGui::BeginTable("rows", columns, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn(ring ? "Phase" : "Stage");
        ImGui::TableSetupColumn("Green s");
        ImGui::TableSetupColumn("Yellow s");
        ImGui::TableSetupColumn("All-red s");
        if (ring) {
            ImGui::TableSetupColumn("Min green");
            ImGui::TableSetupColumn("Max green");
        } else {
            ImGui::TableSetupColumn("Order");
        }
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < rows; ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ring) {
                const signals::Phase& ph = plan.phases[i];
                ImGui::Text("%u", static_cast<unsigned>(ph.number));
                if (timed) row_field(ctx, "##g", plan.timings.front().split_s[i] - ph.clearance_s(), 300.0, &set_green, i, "phase");
                else ImGui::TableNextColumn(), ImGui::TextDisabled("actuated");
                row_field(ctx, "##y", ph.yellow_s, 10.0, &set_yellow, i, "phase yellow");
                row_field(ctx, "##r", ph.all_red_s, 10.0, &set_all_red, i, "phase all-red");
                row_field(ctx, "##min", ph.min_green_s, 120.0, &set_min_green, i, "phase min green");
                row_field(ctx, "##max", ph.max_green_s, 300.0, &set_max_green, i, "phase max green");
            } else {
                const signals::Stage& s = plan.stages[i];
                ImGui::Text("%zu", i + 1);
                row_field(ctx, "##g", s.green_s, 300.0, &set_green, i, "stage green");
                row_field(ctx, "##y", s.yellow_s, 10.0, &set_yellow, i, "stage yellow");
                row_field(ctx, "##r", s.all_red_s, 10.0, &set_all_red, i, "stage all-red");
                ImGui::TableNextColumn();
                if (ImGui::ArrowButton("up", ImGuiDir_Up) && i > 0)
                    act.edit(fmt::format("stage {} earlier", i + 1), move_stage(plan, i, i - 1, rules));
                ImGui::SameLine();
                if (ImGui::ArrowButton("down", ImGuiDir_Down) && i + 1 < rows)
                    act.edit(fmt::format("stage {} later", i + 1), move_stage(plan, i, i + 1, rules));
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Which movements each stage serves; adding one is where the safety check bites.
    if (!ImGui::CollapsingHeader(ring ? "Movements served by each phase" : "Movements served by each stage")) return;
    for (std::size_t i = 0; i < rows; ++i) {
        const std::vector<std::uint16_t>& greens = ring ? plan.phases[i].groups : plan.stages[i].green_groups;
        ImGui::PushID(static_cast<int>(i) + 1000);
        if (ImGui::TreeNode("row", "%s %zu: %zu of %zu movements", ring ? "Phase" : "Stage",
                            ring ? static_cast<std::size_t>(plan.phases[i].number) : i + 1, greens.size(), plan.groups.size())) {
            for (std::uint16_t g = 0; g < plan.groups.size(); ++g) {
                bool on = std::find(greens.begin(), greens.end(), g) != greens.end();
                ImGui::PushID(g);
                if (ImGui::Checkbox(plan.groups[g].name.c_str(), &on))
                    act.edit(fmt::format("{} {} {} {}", ring ? "phase" : "stage", i + 1, on ? "serves" : "drops",
                                         plan.groups[g].name),
                             toggle_group(plan, i, g, rules));
                if (ImGui::IsItemHovered()) ctx.st.editor.hovered_group = g;
                ImGui::PopID();
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
}

void draw_controller(ViewContext& ctx, const signals::SignalPlan& plan) {
    if (!is_ring_form(plan) || plan.timings.empty()) {
        ImGui::TextDisabled("Controller: fixed time (stage plan)");
        return;
    }
    const char* kinds[] = {"fixed time", "actuated", "coordinated", "max-pressure"};
    int kind = static_cast<int>(plan.timings.front().controller);
    ImGui::SetNextItemWidth(150.0f);
    if (ImGui::Combo("controller", &kind, kinds, IM_ARRAYSIZE(kinds)))
        ctx.actions.edit(fmt::format("controller {}", kinds[kind]),
                         set_controller(plan, static_cast<signals::ControllerKind>(kind), ctx.actions.rules()));
}

void draw_save(ViewContext& ctx) {
    EditorState& ed = ctx.st.editor;
    if (ImGui::Button("Save plans...")) {
        if (ed.save_path.empty()) ed.save_path = ctx.actions.default_plans_path().string();
        ed.confirm_overwrite = false;
        ImGui::OpenPopup("Save signal plans");
    }
    if (ImGui::BeginPopupModal("Save signal plans", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("All plans of the %s run, as TOML:", ctx.st.frame->b ? "B" : "running");
        ImGui::SetNextItemWidth(380.0f);
        ImGui::InputText("##path", &ed.save_path);
        if (ed.confirm_overwrite) {
            ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s exists. Replace it?", ed.save_path.c_str());
            if (ImGui::Button("Replace")) {
                ctx.actions.save_plans(ed.save_path, true, nullptr);
                ImGui::CloseCurrentPopup();
            }
        } else if (ImGui::Button("Save")) {
            if (ctx.actions.save_plans(ed.save_path, false, nullptr)) ImGui::CloseCurrentPopup();
            else ed.confirm_overwrite = true;  // it exists: ask first
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace

void draw_signal_editor(ViewContext& ctx) {
    AppState& st = ctx.st;
    EditorState& ed = st.editor;
    Actions& act = ctx.actions;
    const JunctionId j = st.selection.junction;
    if (!j.valid()) {
        ImGui::TextWrapped("Click a junction with traffic signals on the map to see and edit its timing.");
        return;
    }
    ImGui::TextUnformatted(junction_title(ctx, j).c_str());
    const std::optional<signals::SignalPlan> plan = act.draft(j);
    if (!plan) {
        ImGui::TextDisabled("No traffic signals here (priority rules apply).");
        return;
    }
    const bool drafted = act.has_draft(j);
    if (drafted) ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Draft - not running yet");
    else ImGui::TextDisabled("Running plan%s", st.frame->b ? " of B" : "");
    ImGui::SameLine();
    ImGui::TextDisabled("| cycle %.1f s", plan->cycle_s());

    draw_timing_diagram(ctx, *plan);

    const PlanLimits& lim = ed.limits;
    const EditRules rules = act.rules();
    plan_field(ctx, "cycle (s)", plan->cycle_s(), lim.min_cycle_s, lim.max_cycle_s,
               [&](signals::SignalPlan p, double v) { return set_cycle(std::move(p), v, rules); }, "cycle {:.1f} s");
    ImGui::SameLine();
    plan_field(ctx, "offset (s)", offset_of(*plan), 0.0, std::max(plan->cycle_s(), 1.0),
               [&](signals::SignalPlan p, double v) { return set_offset(std::move(p), v, rules); }, "offset {:.1f} s");
    ImGui::SameLine();
    if (ImGui::Button("Webster")) act.edit("Webster timing", act.webster_suggestion(j));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Suggest cycle and splits from the scenario's demand for each movement (Webster's method).\n"
                          "Becomes a draft: check it, then apply or fork.");
    draw_controller(ctx, *plan);
    draw_rows(ctx, *plan);

    ImGui::Separator();
    ImGui::BeginDisabled(!ed.history.can_undo());
    if (ImGui::Button("Undo")) act.undo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!ed.history.can_redo());
    if (ImGui::Button("Redo")) act.redo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!drafted);
    if (ImGui::Button("Discard draft")) act.discard_draft();
    ImGui::SameLine();
    if (ImGui::Button(st.frame->b ? "Apply to B" : "Apply")) act.apply_draft();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(st.frame->b ? "Fork again" : "Fork A/B with draft")) act.fork_with_draft();
    draw_save(ctx);

    if (!ed.refused.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "Refused: %s", ed.refused.c_str());
    if (!ed.info.empty()) ImGui::TextDisabled("%s", ed.info.c_str());
    if (!ed.history.done().empty()) ImGui::TextDisabled("last edit: %s", ed.history.done().back().what.c_str());
}

}  // namespace ut::viewer
