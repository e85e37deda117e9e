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

void draw_stage_rows(ViewContext& ctx, const signals::SignalPlan& plan) {
    const PlanLimits& lim = ctx.st.editor.limits;
    Actions& act = ctx.actions;
    const JunctionId j = ctx.st.selection.junction;
    const auto& conflicts = act.conflicts(j);
    if (ImGui::BeginTable("stages", 5, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Stage");
        ImGui::TableSetupColumn("Green s");
        ImGui::TableSetupColumn("Yellow s");
        ImGui::TableSetupColumn("All-red s");
        ImGui::TableSetupColumn("Order");
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < plan.stages.size(); ++i) {
            const signals::Stage& s = plan.stages[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", i + 1);
            ImGui::TableNextColumn();
            plan_field(ctx, "##green", s.green_s, 0.0, 300.0,
                       [&, i](signals::SignalPlan p, double v) { return set_green(std::move(p), i, v, lim, conflicts); },
                       fmt::format("stage {} green {{:.1f}} s", i + 1));
            ImGui::TableNextColumn();
            plan_field(ctx, "##yellow", s.yellow_s, 0.0, 10.0,
                       [&, i](signals::SignalPlan p, double v) { return set_yellow(std::move(p), i, v, lim, conflicts); },
                       fmt::format("stage {} yellow {{:.1f}} s", i + 1));
            ImGui::TableNextColumn();
            plan_field(ctx, "##allred", s.all_red_s, 0.0, 10.0,
                       [&, i](signals::SignalPlan p, double v) { return set_all_red(std::move(p), i, v, lim, conflicts); },
                       fmt::format("stage {} all-red {{:.1f}} s", i + 1));
            ImGui::TableNextColumn();
            if (ImGui::ArrowButton("up", ImGuiDir_Up) && i > 0)
                act.edit(fmt::format("stage {} earlier", i + 1), move_stage(plan, i, i - 1, lim, conflicts));
            ImGui::SameLine();
            if (ImGui::ArrowButton("down", ImGuiDir_Down) && i + 1 < plan.stages.size())
                act.edit(fmt::format("stage {} later", i + 1), move_stage(plan, i, i + 1, lim, conflicts));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Which movements each stage serves; adding one is where the conflict check bites.
    if (!ImGui::CollapsingHeader("Movements served by each stage")) return;
    for (std::size_t i = 0; i < plan.stages.size(); ++i) {
        const signals::Stage& s = plan.stages[i];
        ImGui::PushID(static_cast<int>(i) + 1000);
        if (ImGui::TreeNode("stage", "Stage %zu: %zu of %zu movements", i + 1, s.green_groups.size(), plan.groups.size())) {
            for (std::uint16_t g = 0; g < plan.groups.size(); ++g) {
                bool on = std::find(s.green_groups.begin(), s.green_groups.end(), g) != s.green_groups.end();
                ImGui::PushID(g);
                if (ImGui::Checkbox(plan.groups[g].name.c_str(), &on))
                    act.edit(fmt::format("stage {} {} {}", i + 1, on ? "serves" : "drops", plan.groups[g].name),
                             toggle_group(plan, i, g, lim, conflicts));
                if (ImGui::IsItemHovered()) ctx.st.editor.hovered_group = g;
                ImGui::PopID();
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
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
    else ImGui::TextDisabled("Running plan%s, fixed time", st.frame->b ? " of B" : "");
    ImGui::SameLine();
    ImGui::TextDisabled("| cycle %.1f s", plan->cycle_s());

    draw_timing_diagram(ctx, *plan);

    const PlanLimits& lim = ed.limits;
    const auto& conflicts = act.conflicts(j);
    plan_field(ctx, "cycle (s)", plan->cycle_s(), lim.min_cycle_s, lim.max_cycle_s,
               [&](signals::SignalPlan p, double v) { return set_cycle(std::move(p), v, lim, conflicts); },
               "cycle {:.1f} s");
    ImGui::SameLine();
    plan_field(ctx, "offset (s)", plan->offset_s, 0.0, std::max(plan->cycle_s(), 1.0),
               [&](signals::SignalPlan p, double v) { return set_offset(std::move(p), v, lim, conflicts); },
               "offset {:.1f} s");
    ImGui::SameLine();
    if (ImGui::Button("Webster")) act.edit("Webster timing", act.webster_suggestion(j));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Suggest cycle and splits from the flows of the last minutes (Webster's method).\n"
                          "Becomes a draft: check it, then apply or fork.");
    draw_stage_rows(ctx, *plan);

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
