import Foundation
import FoyerCore
import Hummingbird

/// The content stock as a spreadsheet: export of the listed items to CSV, and import of a CSV file with a
/// dry run and a report of the rejected rows (``ContentWorkflow/importCSV(_:dryRun:in:by:role:)``).
extension ContentPages {
    struct ImportView: Sendable {
        struct Rejected: Sendable {
            let line: Int
            let field: String?
            let message: String
        }

        let action: String
        let listURL: String
        let exportComma: String
        let exportSemicolon: String
        let columns: String
        let maxMB: Int
        let canEdit: Bool
        let dryRun: Bool
        let error: String?
        /// After a file was read.
        let result: String?
        let applied: Bool
        let rejected: [Rejected]
        let hasRejected: Bool
        let ignoredColumns: String?
    }

    /// `GET …/content/import`: the form, with the export links.
    func importForm(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await renderImport(request: request, context: context, access: access, dryRun: true)
    }

    /// `POST …/content/import`, `multipart/form-data`: reads the file and shows what was (or would be)
    /// created and updated, and each rejected row. A file with a rejected row stores nothing.
    func importFile(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let dryRun = context.form["dryRun"] == "true"
        do {
            guard let file = context.uploads.first(where: { $0.field == "file" }), !file.data.isEmpty else {
                throw DomainError.invalid(field: "file", message: "Choose a CSV file to import.")
            }
            let report = try await workflow.importCSV(
                file.data, dryRun: dryRun, in: access.workspace.id, by: access.user, role: access.role)
            return try await renderImport(
                request: request, context: context, access: access, dryRun: dryRun, report: report)
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await renderImport(
                request: request, context: context, access: access, dryRun: dryRun, error: kit.message(for: error, context))
        }
    }

    /// `GET …/content/export?delimiter=semicolon`: the items the list's filters select, as a CSV file (a
    /// filter the list would refuse is left out, as on the list).
    func export(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let parameters = request.uri.queryParameters
        let query = Query.parse({ parameters.get($0) }, types: try await kit.storage.planning.contentTypes(in: access.workspace.id))
        let delimiter: ContentCSV.Delimiter = parameters.get("delimiter") == "semicolon" ? .semicolon : .comma
        let data = try await workflow.exportCSV(query.filter, delimiter: delimiter, in: access.workspace.id)
        let day = LocalDateTimeInput.format(kit.dependencies.clock.now(), in: LocalDateTimeInput.zone(access.workspace.timeZone))
            .prefix(10)
        return FileDownload.response(data, type: "text/csv; charset=utf-8", filename: "content-\(access.workspace.slug)-\(day).csv")
    }

    func renderImport(
        request: Request, context: FoyerRequestContext, access: WorkspaceAccess, dryRun: Bool,
        report: ContentImportReport? = nil, error: String? = nil
    ) async throws -> Response {
        let id = access.workspace.id
        let exportPath = SiteURL.workspace(id, .contentExport).path
        let result = report.map { report -> String in
            let counts = ["created": String(report.counts.created), "updated": String(report.counts.updated)]
            if report.applied { return kit.text("content.importApplied", context, counts) }
            if !report.rejected.isEmpty {
                return kit.text("content.importRejected", context, ["rejected": String(report.rejected.count)])
            }
            if report.counts.created + report.counts.updated == 0 { return kit.text("content.importNothing", context) }
            return kit.text("content.importDryRun", context, counts)
        }
        let rejected = (report?.rejected ?? []).map { row in
            ImportView.Rejected(
                line: row.line, field: row.field,
                message: kit.message(for: .invalid(field: row.field ?? "file", message: row.message), context))
        }
        let view = ImportView(
            action: SiteURL.workspace(id, .contentImport).path, listURL: SiteURL.workspace(id, .content).path,
            exportComma: exportPath, exportSemicolon: exportPath + "?delimiter=semicolon",
            columns: ContentCSV.columns.joined(separator: ", "), maxMB: ContentCSV.maxFileBytes / 1_048_576,
            canEdit: access.role.canEditContent, dryRun: dryRun, error: error, result: result,
            applied: report?.applied ?? false, rejected: rejected, hasRejected: !rejected.isEmpty,
            ignoredColumns: report.flatMap { $0.ignoredColumns.isEmpty ? nil : $0.ignoredColumns.joined(separator: ", ") })
        let failed = error != nil || !rejected.isEmpty
        return try await kit.render(
            "content-import", title: kit.text("content.importTitle", context), content: view, request: request,
            context: context, access: access, current: .contentList, status: failed ? .badRequest : .ok)
    }
}
